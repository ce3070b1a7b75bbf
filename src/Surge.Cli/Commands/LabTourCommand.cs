using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Surge.Analysis.FindMax;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Outcome;
using Surge.Reports.Console;
using Surge.Reports.Html;

namespace Surge.Cli.Commands;

/// <summary><c>surge lab tour</c>: find-max against each stage in turn, told as one measured table.</summary>
internal static class LabTourCommand
{
    /// <summary>The tour's scenario, beside the samples.</summary>
    public const string DefaultScenario = "samples/lab/giveaway.yaml";

    public static Command Create(LabCommand.UpOptions up)
    {
        var stages = new Option<string>("--stages") { Description = "The stages to visit, e.g. 1,2,6 (default 1-8).", DefaultValueFactory = _ => "1-8" };
        var scenario = new Option<string>("--scenario") { Description = $"The scenario every stage is loaded with (default {DefaultScenario}).", DefaultValueFactory = _ => DefaultScenario };
        var step = new Option<string>("--step") { Description = "How long each find-max step runs (default 10s).", DefaultValueFactory = _ => "10s" };
        var from = Options.Number("--from", "The first rate, iterations per second (default 5).");
        var to = Options.Number("--to", "The highest rate ever run (default 2000).");
        var maxSteps = new Option<int>("--max-steps") { Description = "The most find-max steps per stage (default 12).", DefaultValueFactory = _ => 12 };
        var history = Options.HistoryPath();
        var noHistory = new Option<bool>("--no-history") { Description = "Do not record the stages' searches in the history." };
        var lang = Options.Lang();
        var report = Options.HtmlReport("--report");
        var command = new Command("tour", "Bring up each stage in turn, find its maximum with find-max (goals p95<800ms, errors<1%), and print the measured table.")
        {
            stages, scenario, step, from, to, maxSteps, history, noHistory, lang, report,
        };
        up.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var search = new FindMaxOptions
            {
                From = parse.GetValue(from) ?? 5,
                To = parse.GetValue(to) ?? 2000,
                StepDuration = Options.Duration(parse.GetValue(step)!, "--step"),
                Model = LoadModel.Open,
                MaxSteps = parse.GetValue(maxSteps),
            };
            if (search.Validate() is [var first, ..])
            {
                throw new ConfigException(first);
            }

            var visit = Stages(parse.GetValue(stages)!);
            var file = parse.GetValue(scenario)!;
            if (!File.Exists(file))
            {
                throw new ConfigException($"--scenario {file}: no such file; the tour's scenario is {DefaultScenario} in Surge's repository");
            }

            Options.EnsureSeparate([(parse.GetValue(report), "--report")], [(file, "the scenario file")]);
            Options.EnsureWritable(parse.GetValue(report), "--report");
            var language = Options.LanguageFrom(parse.GetValue(lang));
            var tour = new LabTour(file, search, RunHistory.From(parse.GetValue(history), parse.GetValue(noHistory), []), language);
            var rows = new List<LabTourRow>();
            using var signals = new SearchSignals(Consoles.Live);
            foreach (var stage in visit)
            {
                rows.Add(await tour.RunStageAsync(up.Read(parse, stage), rows.Count > 0 ? rows[^1] : null, signals));
                if (signals.Stopped.IsCancellationRequested)
                {
                    break;
                }
            }

            Render(rows);
            if (parse.GetValue(report) is { } path)
            {
                await WriteReportAsync(rows, language, path);
            }

            return signals.Stopped.IsCancellationRequested ? ExitCodes.ExternalAbort : ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IReadOnlyList<LabTourRow> rows)
    {
        var table = new Table().Title("surge lab tour").AddColumns("stage", "topology", "max TPS", "p95", "bottleneck", "next step", "gain");
        foreach (var row in rows)
        {
            table.AddRow([.. Cells(row).Select(Markup.Escape)]);
        }

        Consoles.Summary.Write(table);
    }

    /// <summary>A stage's row in words, the same on the console and in the report.</summary>
    private static IReadOnlyList<string> Cells(LabTourRow row) =>
    [
        row.Stage.ToString(CultureInfo.InvariantCulture),
        row.Topology,
        row.MaxTps is { } tps ? Units.Number(tps, 1) : "none met the goals",
        row.P95Ms is { } p95 ? $"{p95.ToString("0", CultureInfo.InvariantCulture)} ms" : "-",
        row.Bottleneck is { } name ? $"{name} ({row.Role?.ToString().ToLowerInvariant()})" : "none named",
        row.NextStep ?? "-",
        row.Gain is { } gain ? $"{(gain >= 0 ? "+" : "")}{(gain * 100).ToString("0", CultureInfo.InvariantCulture)} %" : "-",
    ];

    /// <summary>The whole tour in one page; a report that cannot be written is a warning, the table above stands.</summary>
    private static async Task WriteReportAsync(IReadOnlyList<LabTourRow> rows, DiagnosisLanguage language, string path)
    {
        try
        {
            TourReport.Write([.. rows.Select(r => new TourReport.Stage(r.Stage, Cells(r), r.Search, r.Target))], LabTour.Goals, language, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"surge: warning: --report '{path}' could not be written ({exception.Message.Split(" : '", 2)[0]}); the table above is the tour's");
        }
    }

    /// <summary>Reads <c>1-8</c>, <c>1,2,6</c> or <c>3</c>.</summary>
    internal static IReadOnlyList<int> Stages(string text)
    {
        var stages = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length is 1 or 2 && range.All(r => int.TryParse(r, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8))
            {
                var low = int.Parse(range[0], CultureInfo.InvariantCulture);
                var high = int.Parse(range[^1], CultureInfo.InvariantCulture);
                stages.AddRange(Enumerable.Range(low, Math.Max(0, high - low + 1)));
                continue;
            }

            throw new ConfigException($"--stages '{text}': write stages 1 to 8 as a list or a range, e.g. 1,2,6 or 1-8");
        }

        return stages.Count > 0 ? stages : throw new ConfigException("--stages names no stage; write e.g. 1,2,6 or 1-8");
    }
}
