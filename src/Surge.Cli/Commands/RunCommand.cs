using System.CommandLine;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Execution;
using Surge.Lab.Demo;
using Surge.Reports.Console;
using Surge.Results;

namespace Surge.Cli.Commands;

/// <summary><c>surge run</c>: a load test against a URL, or against the built-in demo target when none is given.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("url") { Description = "The URL to load (same as --url).", Arity = ArgumentArity.ZeroOrOne };
        var url = new Option<string?>("--url") { Description = "The URL to load. Without one, Surge starts its demo target and loads that." };
        var vus = new Option<int>("--vus", "-u") { Description = "Virtual users running at once (k6: constant-vus).", DefaultValueFactory = _ => 1 };
        var duration = new Option<string>("--duration", "-d") { Description = "How long to run, e.g. 30s, 1m30s.", DefaultValueFactory = _ => "10s" };
        var method = new Option<string>("--method", "-X") { Description = "HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A request header \"Name: value\" (repeatable)." };
        var body = new Option<string?>("--body") { Description = "The request body." };
        var bodyFile = new Option<string?>("--body-file") { Description = "Read the request body from this file." };
        var timeout = new Option<string>("--timeout") { Description = "Per-request timeout.", DefaultValueFactory = _ => "60s" };
        var gracefulStop = new Option<string>("--graceful-stop") { Description = "Time iterations in flight get to finish at the end.", DefaultValueFactory = _ => "30s" };
        var thresholds = new Option<string[]>("--threshold") { Description = "A k6 threshold, e.g. 'http_req_duration:p(95)<800' (;abortOnFail to stop at once)." };
        var goals = new Option<string[]>("--goal") { Description = "A goal, e.g. 'tps>=2000', 'avg<800ms', 'p95<1s', 'errors<1%'." };
        var output = new Option<string?>("--out", "-o") { Description = "Stream results to this NDJSON file, one line per second." };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No banner and no live lines; only the summary." };
        var summaryExport = Options.SummaryExport();
        var trendStats = Options.SummaryTrendStats();

        var command = new Command("run", "Run a load test: constant VUs for a duration, TPS and latency, goals checked.")
        {
            target, url, vus, duration, method, headers, body, bodyFile, timeout, gracefulStop, thresholds, goals,
            output, insecure, quiet, summaryExport, trendStats,
        };
        command.SetAction(async (parse, _) =>
        {
            var settings = new RunSettings
            {
                Url = parse.GetValue(url) ?? parse.GetValue(target),
                Vus = parse.GetValue(vus),
                Duration = Options.Duration(parse.GetValue(duration)!, "--duration"),
                Method = parse.GetValue(method)!,
                Headers = parse.GetValue(headers) ?? [],
                Body = parse.GetValue(body),
                BodyFile = parse.GetValue(bodyFile),
                Timeout = Options.Duration(parse.GetValue(timeout)!, "--timeout"),
                GracefulStop = Options.Duration(parse.GetValue(gracefulStop)!, "--graceful-stop"),
                Thresholds = parse.GetValue(thresholds) ?? [],
                Goals = parse.GetValue(goals) ?? [],
                Insecure = parse.GetValue(insecure),
            };
            return await RunAsync(
                settings,
                parse.GetValue(output),
                parse.GetValue(summaryExport),
                Options.TrendStatsFrom(parse.GetValue(trendStats)),
                parse.GetValue(quiet));
        });
        return command;
    }

    private static async Task<int> RunAsync(RunSettings settings, string? output, string? summaryExport, IReadOnlyList<string> trendStats, bool quiet)
    {
        // Everything that can be wrong with the input is found before any load is sent.
        var plan = QuickPlan.Build(settings, demoUrl: null);
        Options.EnsureWritable(summaryExport, "--summary-export");
        await using var demo = settings.Url is null ? await DemoServer.StartAsync() : null;
        if (demo is not null)
        {
            plan = QuickPlan.Build(settings, demo.Url);
        }

        using var results = output is null ? null : OpenResults(output);
        var live = Consoles.Live;
        var outputs = new List<ITestOutput> { new ConsoleOutput(live, Consoles.Summary, trendStats, quiet) };
        if (results is not null)
        {
            outputs.Insert(0, results);
        }

        var runner = new TestRunner(plan, outputs);
        using var signals = new StopSignals(runner.Control, live);
        var summary = await runner.RunAsync();
        if (summaryExport is not null)
        {
            SummaryJsonExporter.Export(summary, trendStats, summaryExport);
        }

        return summary.ExitCode;
    }

    private static NdjsonResultsWriter OpenResults(string path)
    {
        try
        {
            return new NdjsonResultsWriter(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException($"--out '{path}' cannot be written: {exception.Message}");
        }
    }
}
