using System.CommandLine;
using Surge.Configuration;
using Surge.Reports.Console;
using Surge.Results;

namespace Surge.Cli.Commands;

/// <summary>
/// <c>surge report FILE…</c>: rebuilds the summary of a run from its results file alone; the files of
/// one test's generators (execution segments) are merged into one run.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var file = new Argument<string[]>("results")
        {
            Description = "A results file written by surge run --out; several: the files of one test's generators, merged into one run.",
            Arity = ArgumentArity.OneOrMore,
        };
        var summaryExport = Options.SummaryExport();
        var trendStats = Options.SummaryTrendStats();
        var lang = Options.Lang();
        var html = Options.HtmlReport("--html");
        var command = new Command("report", "Print the summary of a finished (or interrupted) run from its results file; --html writes its HTML report.") { file, summaryExport, trendStats, lang, html };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(file)!;
            foreach (var path in paths)
            {
                if (!File.Exists(path))
                {
                    throw new ConfigException($"results file '{path}' does not exist");
                }
            }

            var stats = Options.TrendStatsFrom(parse.GetValue(trendStats));
            var export = parse.GetValue(summaryExport);
            var htmlPath = parse.GetValue(html);
            Options.EnsureSeparate([(export, "--summary-export"), (htmlPath, "--html")], [.. paths.Select(p => ((string?)p, "the results file"))]);
            Options.EnsureWritable(export, "--summary-export");
            Options.EnsureWritable(htmlPath, "--html");
            var outcome = Analysis.Diagnoser.Complete(Surge.Distributed.ResultsMerge.Read(paths));
            var summary = outcome.Summary;
            var language = Options.LanguageFrom(parse.GetValue(lang));
            new SummaryRenderer(Hosting.Consoles.Summary, stats, language).Render(summary);
            if (htmlPath is not null)
            {
                try
                {
                    Reports.Html.HtmlReport.Write(outcome, language, htmlPath);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw new ConfigException($"--html '{htmlPath}' could not be written ({exception.Message.Split(" : '", 2)[0]}); the file is as it was before");
                }
            }

            if (export is not null)
            {
                try
                {
                    SummaryJsonExporter.Export(summary, stats, export);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw new ConfigException($"--summary-export '{export}' could not be written ({exception.Message.Split(" : '", 2)[0]}); the file is as it was before");
                }
            }

            return summary.ExitCode;
        });
        return command;
    }
}
