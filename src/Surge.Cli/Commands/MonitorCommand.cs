using System.CommandLine;
using Spectre.Console;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Execution;
using Surge.Monitoring;
using Surge.Reports.Console;

namespace Surge.Cli.Commands;

/// <summary><c>surge monitor</c>: the same sources as <c>--monitor</c>, without load, a line per target each second.</summary>
internal static class MonitorCommand
{
    public static Command Create()
    {
        var monitor = new Option<string[]>("--monitor", "-m") { Description = MonitorSources.Help, Required = true };
        var token = new Option<string?>("--monitor-token") { Description = "The token of the surge agents watched." };
        var duration = new Option<string?>("--duration", "-d") { Description = "How long to watch (default: until Ctrl+C)." };
        var command = new Command("monitor", "Watch hosts and processes every second without load, like top for several servers.") { monitor, token, duration };
        command.SetAction(async (parse, _) =>
        {
            var limit = parse.GetValue(duration) is { } text ? Options.Duration(text, "--duration") : (TimeSpan?)null;
            if (limit <= TimeSpan.Zero)
            {
                throw new ConfigException("--duration must be longer than 0s");
            }

            using var monitors = new MonitorSet(MonitorSources.Create(parse.GetValue(monitor)!, parse.GetValue(token)));
            using var exit = new ExitSignal();
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var start = TimeProvider.System.GetTimestamp();
            var console = Consoles.Summary;
            do
            {
                var elapsed = TimeProvider.System.GetElapsedTime(start);
                var samples = await monitors.SampleAsync(notice => Consoles.Live.MarkupLine($"[yellow]{Markup.Escape(notice)}[/]"));
                foreach (var sample in samples)
                {
                    console.WriteLine($"{Units.Clock(elapsed)}  {ResourceLine.For(sample)}");
                }

                if (limit is { } end && elapsed >= end)
                {
                    break;
                }
            }
            while (await Task.WhenAny(timer.WaitForNextTickAsync(CancellationToken.None).AsTask(), exit.Signalled) != exit.Signalled);

            return ExitCodes.Success;
        });
        return command;
    }
}
