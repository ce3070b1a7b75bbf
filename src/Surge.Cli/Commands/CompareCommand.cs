using System.CommandLine;
using System.Globalization;
using Surge.Analysis;
using Surge.Analysis.History;
using Surge.Configuration;
using Surge.Outcome;
using Surge.Reports.Console;
using Surge.Results;

namespace Surge.Cli.Commands;

/// <summary><c>surge compare BEFORE AFTER</c>: two runs side by side, with significance-tested verdicts.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var before = new Argument<string>("before") { Description = "The earlier run: a results file (surge run --out) or a history id (12, last~1)." };
        var after = new Argument<string>("after") { Description = "The later run: a results file or a history id (15, last)." };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON instead of a table." };
        var failOnRegression = new Option<string?>("--fail-on-regression")
        {
            Description = "Exit 99 when TPS, p95 or the error rate got significantly worse by more than this, e.g. 5%.",
        };
        var force = new Option<bool>("--force") { Description = "Compare runs of different tests (another target or other scenarios) all the same." };
        var history = Options.HistoryPath();
        var html = new Option<string?>("--html") { Description = "Also write an HTML page with the comparison and both runs' charts overlaid (needs each run's results file)." };
        var command = new Command("compare", "Compare two runs: TPS, latency, errors, endpoints, scenarios and servers, better or worse or no significant change.")
        {
            before, after, json, failOnRegression, force, history, html,
        };
        command.SetAction(parse =>
        {
            var threshold = Threshold(parse.GetValue(failOnRegression));
            var historyPath = parse.GetValue(history) ?? HistoryStore.DefaultPath;
            var beforeText = parse.GetValue(before)!;
            var afterText = parse.GetValue(after)!;
            var htmlPath = parse.GetValue(html);
            Options.EnsureWritable(htmlPath, "--html");
            HistoryStore? store = null;
            try
            {
                var outcomes = new List<RunOutcome?>();
                var runs = new[] { beforeText, afterText }.Select(text => Load(text, historyPath, ref store, outcomes)).ToList();
                var comparison = RunComparison.Compare(runs[0], runs[1]);
                if (comparison.Differences.Count > 0 && !parse.GetValue(force))
                {
                    throw new ConfigException(
                        $"'{beforeText}' and '{afterText}' are runs of different tests ({string.Join("; ", comparison.Differences)}); give --force to compare them anyway");
                }

                if (parse.GetValue(json))
                {
                    using var stdout = Console.OpenStandardOutput();
                    ComparisonJson.Write(comparison, threshold, stdout);
                    stdout.Write("\n"u8);
                }
                else
                {
                    new ComparisonRenderer(Hosting.Consoles.Summary).Render(comparison, threshold);
                }

                if (htmlPath is not null)
                {
                    WriteHtml(htmlPath, comparison, outcomes);
                }

                return threshold is { } limit && comparison.Regressions(limit).Count > 0 ? ExitCodes.ThresholdsFailed : ExitCodes.Success;
            }
            finally
            {
                store?.Dispose();
            }
        });
        return command;
    }

    /// <summary>The comparison as an HTML page; both runs need their results files for their charts.</summary>
    private static void WriteHtml(string path, RunComparison comparison, List<RunOutcome?> outcomes)
    {
        if (outcomes is not [{ } before, { } after])
        {
            var missing = outcomes[0] is null ? comparison.Before.Label : comparison.After.Label;
            throw new ConfigException($"--html draws each run from its results file, and run {missing} has none (it ran without --out, or the file is gone)");
        }

        try
        {
            Reports.Html.ComparisonReport.Write(comparison, before, after, Options.LanguageFrom(null), path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"--html '{path}' could not be written ({exception.Message.Split(" : '", 2)[0]}); the file is as it was before");
        }
    }

    private static ComparedRun Load(string text, string historyPath, ref HistoryStore? store, List<RunOutcome?> outcomes)
    {
        if (File.Exists(text))
        {
            var outcome = Diagnoser.Complete(ResultsFileReader.ReadRun(text));
            outcomes.Add(outcome);
            return ComparedRun.FromOutcome(Path.GetFileName(text), outcome);
        }

        // a.ndjson,b.ndjson,c.ndjson: the results files of one test's generators, merged into one run.
        if (text.Split(',') is { Length: > 1 } parts && parts.All(File.Exists))
        {
            return ComparedRun.FromOutcome(string.Join(",", parts.Select(Path.GetFileName)), Diagnoser.Complete(Surge.Distributed.ResultsMerge.Read(parts)));
        }

        if (!HistoryReference.IsReference(text))
        {
            throw new ConfigException($"results file '{text}' does not exist; give a results file written by surge run --out, or a history id (12, last, last~1)");
        }

        if (store is null && File.Exists(historyPath))
        {
            store = HistoryStore.Open(historyPath, TimeProvider.System);
            RunHistory.WarnMovedAsync(store).GetAwaiter().GetResult();
        }

        var entry = HistoryReference.Resolve(store, text, historyPath);
        var label = $"#{entry.Id.ToString(CultureInfo.InvariantCulture)}";
        if (entry.ResultsPath is { } results && File.Exists(results))
        {
            var outcome = Diagnoser.Complete(ResultsFileReader.ReadRun(results));
            outcomes.Add(outcome);
            return ComparedRun.FromOutcome(label, outcome);
        }

        // Its results file was never written (no --out) or is gone: the summary's numbers, untested.
        outcomes.Add(null);
        return ComparedRun.FromSummaryJson(label, entry.SummaryJson);
    }

    private static double? Threshold(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var number = text.Trim().TrimEnd('%');
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && double.IsFinite(percent) && percent >= 0
            ? percent
            : throw new ConfigException($"--fail-on-regression '{text}' is not a percentage; write it like --fail-on-regression 5%");
    }
}
