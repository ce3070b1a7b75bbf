using System.CommandLine;
using Surge.Cli.Hosting;
using Surge.Lab.Demo;

namespace Surge.Cli.Commands;

/// <summary><c>surge demo</c>: starts only the demo target and prints its URL, for use with other tools.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var port = Options.Port("--port", "Port on 127.0.0.1 (0: any free port).");
        var command = new Command("demo", "Start the built-in demo target on 127.0.0.1 and print its URL; Ctrl+C stops it.") { port };
        command.SetAction(async (parse, _) =>
        {
            var on = parse.GetValue(port);
            DemoServer demoServer;
            try
            {
                demoServer = await DemoServer.StartAsync(on, CancellationToken.None);
            }
            catch (IOException exception) when (exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                || exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new Configuration.ConfigException($"--port {on}: 127.0.0.1:{on} is already in use; choose another port, or --port 0 for any free one");
            }

            await using var demo = demoServer;
            using var exit = new ExitSignal();
            Console.WriteLine(demo.Url);
            foreach (var (route, description) in DemoServer.Endpoints)
            {
                await Console.Error.WriteLineAsync($"  {route,-21} {description}");
            }

            await Console.Error.WriteLineAsync("Ctrl+C to stop.");
            await exit.Signalled;
            return 0;
        });
        return command;
    }
}
