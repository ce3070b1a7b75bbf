using System.CommandLine;
using Surge.Analysis;
using Surge.Analysis.History;
using Surge.Configuration;
using Surge.Reports.Console;

namespace Surge.Cli.Commands;

/// <summary><c>surge history</c>: the runs recorded by <c>surge run</c>; <c>--trend</c> shows where TPS and p95 changed for good.</summary>
internal static class HistoryCommand
{
    private const int DefaultLimit = 20;

    public static Command Create()
    {
        var trend = new Option<bool>("--trend") { Description = "Show TPS and p95 across the runs of one target and mark where they changed for good." };
        var target = new Option<string?>("--target") { Description = "Only the runs of this target (default for --trend: the last run's)." };
        var limit = Options.WholeNumber("--limit", $"Show the last N runs (default {DefaultLimit}; --trend: all).", "-n");
        var json = new Option<bool>("--json") { Description = "Print the runs as JSON." };
        var history = Options.HistoryPath();
        var command = new Command("history", "List the recorded runs (id, when, target, TPS, p95, errors, verdict); --trend for change points.")
        {
            trend, target, limit, json, history,
        };
        command.SetAction(async parse =>
        {
            var path = parse.GetValue(history) ?? HistoryStore.DefaultPath;
            var count = parse.GetValue(limit);
            if (count is <= 0)
            {
                throw new ConfigException($"--limit {count} shows nothing; give 1 or more");
            }

            using var store = HistoryStore.OpenExisting(path, TimeProvider.System);
            if (store is not null)
            {
                await RunHistory.WarnMovedAsync(store);
            }

            var isTrend = parse.GetValue(trend);
            var name = parse.GetValue(target) ?? (isTrend ? store?.Last(0)?.Target : null);
            // A trend follows one test; a local server's new port each start does not make it another one.
            IReadOnlyList<HistoryEntry> runs = store is null ? []
                : isTrend ? [.. store.List().Where(r => TargetIdentity.Same(r.Target, name!)).TakeLast(count ?? int.MaxValue)]
                : store.List(name, count ?? DefaultLimit);
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                HistoryJson.Write(runs, isTrend ? ChangePoints.Detect([.. runs.Select(r => r.Tps)]) : null, isTrend ? ChangePoints.Detect([.. runs.Select(r => r.P95Ms)]) : null, stdout);
                stdout.Write("\n"u8);
                return 0;
            }

            if (runs.Count == 0)
            {
                Console.WriteLine(store is null
                    ? $"No runs recorded yet: there is no history at '{path}' (surge run records each run there)."
                    : $"No runs recorded{(name is null ? "" : $" for '{name}'")} in '{path}'.");
                return 0;
            }

            var renderer = new HistoryRenderer(Hosting.Consoles.Summary);
            if (isTrend)
            {
                renderer.RenderTrend(runs, ChangePoints.Detect([.. runs.Select(r => r.Tps)]), ChangePoints.Detect([.. runs.Select(r => r.P95Ms)]), name!);
            }
            else
            {
                renderer.RenderList(runs, path);
            }

            return 0;
        });
        return command;
    }
}
