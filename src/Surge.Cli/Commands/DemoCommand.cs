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
            await using var demo = await DemoServer.StartAsync(parse.GetValue(port), CancellationToken.None);
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
