using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Surge.Cli.Tests.Support;
using Surge.Lab.Demo;

namespace Surge.Cli.Tests.Commands;

public class RunCommandTests
{
    [Fact]
    public async Task DemoRun_GoalsMet_Exit0_WritesResultsAndSummary_AndReportRebuildsTheSameSummary()
    {
        using var dir = new TempDirectory();

        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--vus", "5", "--duration", "2s", "--goal", "errors<50%", "--goal", "p95<5s", "--monitor", "local",
            "--out", "results.ndjson", "--summary-export", "live.json");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("TPS", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("/slow", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("running (", run.Stderr, StringComparison.Ordinal);
        var lines = File.ReadAllLines(dir.File("results.ndjson"));
        Assert.StartsWith("{\"type\":\"start\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"stop\"", lines[^1], StringComparison.Ordinal);
        Assert.True(lines.Count(l => l.Contains("\"type\":\"interval\"", StringComparison.Ordinal)) >= 2);

        var report = await SurgeProcess.RunAsync(dir.Path, "report", "results.ndjson", "--summary-export", "report.json");

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(File.ReadAllText(dir.File("live.json")), File.ReadAllText(dir.File("report.json")));
        Assert.Equal(Section(run.Stdout, "█ TOTAL RESULTS"), Section(report.Stdout, "█ TOTAL RESULTS"));
        Assert.Matches(@"█ SERVERS \(sampled every second\)\n\s+local\.+: CPU avg \d+%", report.Stdout); // the server figures too, from the file alone
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("live.json")));
        var metrics = summary.RootElement.GetProperty("metrics");
        Assert.Equal("trend", metrics.GetProperty("http_req_duration").GetProperty("type").GetString());
        Assert.True(metrics.GetProperty("http_req_failed").GetProperty("thresholds").GetProperty("rate<0.5").GetProperty("ok").GetBoolean());
        Assert.True(metrics.GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetDouble() > 0);
    }

    [Fact]
    public async Task GoalMissed_Exit99_AndTheSummarySaysWhich()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();

        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", new Uri(server.Url, "/delay/20").ToString(), "--vus", "2", "--duration", "1s", "--goal", "p95<1ms", "--quiet");

        Assert.Equal(99, run.ExitCode);
        Assert.Contains("✗ goal p95<1ms", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAILED", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("running (", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoThresholds_AMissedGoalIsNotChecked_Exit0_ButABadOneIsStillRefused()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        var url = new Uri(server.Url, "/status/500").ToString();

        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", url, "--vus", "1", "--duration", "1s", "--goal", "errors<1%", "--threshold", "http_reqs:count<1", "--no-thresholds");
        var bad = await SurgeProcess.RunAsync(dir.Path, "run", "--url", url, "--vus", "1", "--duration", "1s", "--goal", "errors<>1%", "--no-thresholds");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("2 goal(s) and threshold(s) read but not checked (--no-thresholds)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Errors (http_req_failed)............: 100.00%", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(104, bad.ExitCode);
    }

    [Fact]
    public async Task AbortOnFail_StopsEarly_Exit99()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();

        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", new Uri(server.Url, "/status/500").ToString(), "--vus", "2", "--duration", "30s",
            "--threshold", "http_req_failed:rate<0.01;abortOnFail", "--quiet");

        Assert.Equal(99, run.ExitCode);
        Assert.Contains("ABORTED", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("test aborted", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_StopsGracefully_Exit105_WithSummaryAndCompleteFiles(string signal)
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        using var surge = SurgeProcess.Start(
            dir.Path, "run", "--url", new Uri(server.Url, "/delay/10").ToString(), "--vus", "3", "--duration", "60s",
            "--out", "results.ndjson", "--summary-export", "summary.json");

        await ResultsFile.WaitForLinesAsync(dir.File("results.ndjson"), 3);
        surge.Signal(signal);
        var result = await surge.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(105, result.ExitCode);
        Assert.Contains("INTERRUPTED", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"stop\"", File.ReadAllLines(dir.File("results.ndjson"))[^1], StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        Assert.Equal("Interrupted", summary.RootElement.GetProperty("surge").GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task Out_InK6sForm_JsonEqualsFile_WritesTheResultsToThatFile()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();

        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "1", "--duration", "1s", "--out", "json=results.ndjson", "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["results.ndjson"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.StartsWith("{\"type\":\"stop\"", File.ReadAllLines(dir.File("results.ndjson"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OfATruncatedFile_KeepsEveryWholeSecond()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "2", "--duration", "2s", "--out", "results.ndjson", "--quiet");
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(dir.File("results.ndjson"));
        var cut = lines.Take(lines.Length - 2).Append(lines[^2][..(lines[^2].Length / 2)]);
        File.WriteAllLines(dir.File("cut.ndjson"), cut);

        var report = await SurgeProcess.RunAsync(dir.Path, "report", "cut.ndjson");

        Assert.Equal(105, report.ExitCode);
        Assert.Contains("UNFINISHED: the results file ends at", report.Stdout, StringComparison.Ordinal);
        Assert.Contains("TPS", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAgent_TheFlagSetsIt_EmptySendsNone_AHeaderWins_AndYamlAndCSharpFilesSetTheirOwn()
    {
        // A server that notes the User-Agent of each request, by the run (the path) that sent it.
        var seen = new ConcurrentQueue<(string Run, string? UserAgent)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/{run}", (string run, HttpContext context) =>
        {
            seen.Enqueue((run, context.Request.Headers.TryGetValue("User-Agent", out var agent) ? agent.ToString() : null));
            return "ok";
        });
        await app.StartAsync();
        var url = app.Urls.First();
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("test.yaml"), $"baseUrl: {url}\nuserAgent: yaml-probe/1\nrequests: [{{ url: /yaml }}]\n");
        File.WriteAllText(dir.File("script.cs"), $$"""
            public sealed class Agents : LoadTest
            {
                // A prepared request, sent as it is: it takes the test's User-Agent too.
                private static readonly HttpRequest Prepared = new("GET", new Uri("{{url}}/prepared"));

                public override TestOptions Options => new() { BaseUrl = "{{url}}", UserAgent = "cs-probe/1" };

                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("/cs");
                    await vu.Http.SendAsync(Prepared);
                }
            }
            """);

        string[] once = ["--vus", "1", "--iterations", "2", "--quiet", "--no-history"];
        var runs = new[]
        {
            await SurgeProcess.RunAsync(dir.Path, ["run", "--url", $"{url}/default", .. once]),
            await SurgeProcess.RunAsync(dir.Path, ["run", "--url", $"{url}/flag", "--user-agent", "shop-probe/2", .. once]),
            await SurgeProcess.RunAsync(dir.Path, ["run", "--url", $"{url}/none", "--user-agent", "", .. once]),
            await SurgeProcess.RunAsync(dir.Path, ["run", "--url", $"{url}/header", "--user-agent", "shop-probe/2", "-H", "User-Agent: mine/3", .. once]),
            await SurgeProcess.RunAsync(dir.Path, ["run", "test.yaml", .. once]),
            await SurgeProcess.RunAsync(dir.Path, ["run", "script.cs", .. once]),
        };

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout));
        var agents = seen.ToLookup(s => s.Run, s => s.UserAgent);
        Assert.All(agents["default"], agent => Assert.StartsWith("surge/", agent, StringComparison.Ordinal));
        Assert.Equal(["shop-probe/2", "shop-probe/2"], agents["flag"]);
        Assert.Equal([null, null], agents["none"]);
        Assert.Equal(["mine/3", "mine/3"], agents["header"]);
        Assert.Equal(["yaml-probe/1", "yaml-probe/1"], agents["yaml"]);
        Assert.Equal(["cs-probe/1", "cs-probe/1"], agents["cs"]);
        Assert.Equal(["cs-probe/1", "cs-probe/1"], agents["prepared"]);
        Assert.Equal(2, agents["default"].Count());
    }

    private static string Section(string output, string heading) => output[output.IndexOf(heading, StringComparison.Ordinal)..];
}
