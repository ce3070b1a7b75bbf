using System.CommandLine;
using Spectre.Console;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Monitoring;
using Surge.Outcome;
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
            var notices = new List<string>();
            var watch = new Watch(monitors, limit, exit, notices.Add);
            if (Console.IsOutputRedirected)
            {
                // Logs and pipes get a line per target each second.
                await watch.RunAsync((elapsed, samples) =>
                {
                    notices.ForEach(n => Consoles.Live.MarkupLine($"[yellow]{Markup.Escape(n)}[/]"));
                    notices.Clear();
                    samples.ToList().ForEach(s => Consoles.Summary.WriteLine($"{Units.Clock(elapsed)}  {ResourceLine.For(s)}"));
                });
            }
            else
            {
                // A terminal gets a table redrawn in place, like top.
                await Consoles.Summary.Live(new Text("")).StartAsync(async live => await watch.RunAsync((elapsed, samples) =>
                {
                    var table = new Table().Title($"surge monitor  {Units.Clock(elapsed)}").AddColumn("target").AddColumn("now");
                    foreach (var sample in samples)
                    {
                        table.AddRow(Markup.Escape(sample.Target), Markup.Escape(ResourceLine.For(sample)[(sample.Target.Length + 2)..]));
                    }

                    var rows = new Rows([table, .. notices.TakeLast(3).Select(n => new Markup($"[yellow]{Markup.Escape(n)}[/]"))]);
                    live.UpdateTarget(rows);
                    live.Refresh();
                }));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Samples every second until the duration is over or Ctrl+C, handing each second to a view.</summary>
    private sealed class Watch(MonitorSet monitors, TimeSpan? limit, ExitSignal exit, Action<string> notice)
    {
        public async Task RunAsync(Action<TimeSpan, IReadOnlyList<ResourceSample>> show)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var start = TimeProvider.System.GetTimestamp();
            do
            {
                var elapsed = TimeProvider.System.GetElapsedTime(start);
                show(elapsed, await monitors.SampleAsync(notice));
                if (limit is { } end && elapsed >= end)
                {
                    break;
                }
            }
            while (await Task.WhenAny(timer.WaitForNextTickAsync(CancellationToken.None).AsTask(), exit.Signalled) != exit.Signalled);
        }
    }
}
