using System.Diagnostics;
using System.Text.Json;
using Surge.Cli.Tests.Support;
using Surge.Metrics;

namespace Surge.Cli.Tests.Commands;

/// <summary>
/// One test run by several generators on 127.0.0.1: <c>surge aggregate</c> with generators that join it,
/// and <c>surge run --generators N</c>; merged results exact, a lost generator, an abort on the merged data.
/// </summary>
public sealed class DistributedCommandTests
{
    private const string Token = "t0ken-for-tests";

    [Fact]
    public async Task ThreeGenerators_SendTheRequestsOfOne_AndTheMergedPercentilesAreThoseOfOneHistogramOfEveryRequest()
    {
        await using var server = await CountingServer.StartAsync();
        using var dir = new TempDirectory();
        var port = Ports.Free();
        string[] load = ["--url", server.Url.ToString(), "--vus", "6", "--iterations", "300", "--duration", "60s", "--summary-trend-stats", "avg,p(50),p(95),p(99),max"];
        using var aggregator = SurgeProcess.Start(dir.Path, [.. Run("aggregate", load), "--generators", "3", "--listen", $"127.0.0.1:{port}", "--token", Token,
            "--out", dir.File("merged.ndjson"), "--summary-export", dir.File("live.json")]);
        string[] segments = ["0:1/3", "1/3:2/3", "2/3:1"];
        var generators = segments.Select((segment, i) => SurgeProcess.Start(dir.Path, [.. Run("run", load), "--execution-segment-sequence", "0,1/3,2/3,1",
            "--execution-segment", segment, "--join", $"http://127.0.0.1:{port}", "--token", Token, "--out", dir.File($"g{i}.ndjson"), "-q", "--no-history"])).ToList();
        try
        {
            var merged = await aggregator.WaitAsync(TimeSpan.FromSeconds(120));
            foreach (var generator in generators)
            {
                Assert.Equal(0, (await generator.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
            }

            Assert.True(merged.ExitCode == 0, merged.Stderr + merged.Stdout);
        }
        finally
        {
            generators.ForEach(g => g.Dispose());
        }

        // The whole test's 300 iterations, split 100 + 100 + 100 and each sent once: what one generator sends.
        Assert.Equal(300, server.Requests);
        var report = await SurgeProcess.RunAsync(dir.Path, "report", dir.File("g0.ndjson"), dir.File("g1.ndjson"), dir.File("g2.ndjson"),
            "--summary-export", dir.File("offline.json"), "--summary-trend-stats", "avg,p(50),p(95),p(99),max");
        Assert.True(report.ExitCode == 0, report.Stderr);
        var compare = await SurgeProcess.RunAsync(dir.Path, "compare", $"{dir.File("g0.ndjson")},{dir.File("g1.ndjson")},{dir.File("g2.ndjson")}", dir.File("merged.ndjson"));
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Contains("g0.ndjson,g1.ndjson,g2.ndjson", compare.Stdout, StringComparison.Ordinal);

        var all = OneHistogram(dir.File("g0.ndjson"), dir.File("g1.ndjson"), dir.File("g2.ndjson"));
        Assert.Equal(300, all.Count);
        foreach (var export in new[] { "live.json", "offline.json" })
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(dir.File(export)));
            var metrics = summary.RootElement.GetProperty("metrics");
            Assert.Equal(300, metrics.GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetInt64());
            Assert.Equal(300, metrics.GetProperty("iterations").GetProperty("values").GetProperty("count").GetInt64());
            var duration = metrics.GetProperty("http_req_duration").GetProperty("values");
            foreach (var stat in new[] { "p(50)", "p(95)", "p(99)", "max" })
            {
                Assert.Equal(TrendStats.Value(all, stat), duration.GetProperty(stat).GetDouble()); // exact: one histogram of every request
            }
        }
    }

    [Fact]
    public async Task LocalGenerators_AtARate_StartTheIterationsOneGeneratorStarts()
    {
        await using var server = await CountingServer.StartAsync();
        using var dir = new TempDirectory();
        string[] load = ["run", "--url", server.Url.ToString(), "--rate", "100", "--duration", "2s", "--pre-allocated-vus", "6", "--max-vus", "30", "--no-history"];

        var one = await SurgeProcess.RunAsync(dir.Path, [.. load, "--summary-export", dir.File("one.json")]);
        var three = await SurgeProcess.RunAsync(dir.Path, [.. load, "--generators", "3", "--summary-export", dir.File("three.json")]);

        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(three.ExitCode == 0, three.Stderr);

        // The schedule's 200 starts, dealt 67 + 67 + 66: started or, with no VU free, dropped; none lost or doubled.
        Assert.Equal(200, Started(dir.File("one.json")));
        Assert.Equal(200, Started(dir.File("three.json")));
        Assert.Equal(400 - Dropped(dir.File("one.json")) - Dropped(dir.File("three.json")), server.Requests);
    }

    [Fact]
    public async Task GeneratorKilledMidTest_IsCountedOut_TheOthersGoOn_AndItsSecondsAreKept()
    {
        await using var server = await CountingServer.StartAsync();
        using var dir = new TempDirectory();
        var port = Ports.Free();
        string[] load = ["--url", server.Url.ToString(), "--vus", "3", "--duration", "6s"];
        using var aggregator = SurgeProcess.Start(dir.Path, [.. Run("aggregate", load), "--generators", "3", "--listen", $"127.0.0.1:{port}", "--token", Token,
            "--out", dir.File("merged.ndjson"), "--summary-export", dir.File("summary.json")]);
        string[] segments = ["0:1/3", "1/3:2/3", "2/3:1"];
        var generators = segments.Select(segment => SurgeProcess.Start(dir.Path, [.. Run("run", load), "--execution-segment-sequence", "0,1/3,2/3,1",
            "--execution-segment", segment, "--join", $"http://127.0.0.1:{port}", "--token", Token, "-q", "--no-history"])).ToList();
        try
        {
            await ResultsFile.WaitForLinesAsync(dir.File("merged.ndjson"), 4); // start, joined, two merged seconds
            var killedAt = server.Requests;
            Process.GetProcessById(generators[1].Id).Kill();

            var merged = await aggregator.WaitAsync(TimeSpan.FromSeconds(120));

            Assert.True(merged.ExitCode == 0, merged.Stderr + merged.Stdout);
            Assert.Contains("generator 2 (1/3:2/3) sent nothing for 5s; it is counted out", merged.Stdout + merged.Stderr, StringComparison.Ordinal);
            Assert.Equal(0, (await generators[0].WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
            Assert.Equal(0, (await generators[2].WaitAsync(TimeSpan.FromSeconds(30))).ExitCode);
            using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
            var requests = summary.RootElement.GetProperty("metrics").GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetInt64();
            Assert.True(requests > killedAt, $"{requests} merged requests, {killedAt} when the generator was killed"); // the others went on
            Assert.True(requests <= server.Requests); // nothing counted twice; the killed one's last second is lost with it
            var seconds = File.ReadLines(dir.File("merged.ndjson")).Count(l => l.Contains("\"type\":\"interval\"", StringComparison.Ordinal));
            Assert.InRange(seconds, 6, 8);
        }
        finally
        {
            generators.ForEach(g => g.Dispose());
        }
    }

    [Fact]
    public async Task LocalGenerators_AbortOnFailOnTheMergedData_StopsThemAll()
    {
        await using var server = await CountingServer.StartAsync();
        using var dir = new TempDirectory();
        var watch = Stopwatch.StartNew();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--url", server.Url.ToString(), "--vus", "3", "--duration", "60s", "--generators", "3",
            "--threshold", "http_reqs:count<100;abortOnFail", "--summary-export", dir.File("summary.json"), "--no-history");

        Assert.True(result.ExitCode == 99, result.Stderr + result.Stdout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(80), $"took {watch.Elapsed}"); // far under the planned 60 s + 30 s of graceful stop
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        Assert.True(summary.RootElement.GetProperty("metrics").GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetInt64() >= 100);
        Assert.Contains("3 generators joined", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generator_BadToken_AnotherTest_OrNoAggregator_OneLineEach()
    {
        using var dir = new TempDirectory();
        var port = Ports.Free();
        string[] load = ["--url", "http://127.0.0.1:9/", "--vus", "2", "--duration", "2s"];
        var unreachable = await SurgeProcess.RunAsync(dir.Path, [.. Run("run", load), "--execution-segment", "0:1/2", "--join", $"http://127.0.0.1:{port}", "--token", Token, "--join-wait", "1s"]);
        Assert.Equal(104, unreachable.ExitCode);
        Assert.Equal($"surge: error: the aggregator at http://127.0.0.1:{port}/ is not reachable (ConnectionRefused); start surge aggregate there first, or check --join", unreachable.Stderr.Trim());

        using var aggregator = SurgeProcess.Start(dir.Path, [.. Run("aggregate", load), "--generators", "2", "--listen", $"127.0.0.1:{port}", "--token", Token]);
        try
        {
            await Ports.WaitUntilListeningAsync(port);
            var badToken = await SurgeProcess.RunAsync(dir.Path, [.. Run("run", load), "--execution-segment-sequence", "0,1/2,1", "--execution-segment", "0:1/2",
                "--join", $"http://127.0.0.1:{port}", "--token", "wrong"]);
            Assert.Equal(104, badToken.ExitCode);
            Assert.Equal($"surge: error: the aggregator at http://127.0.0.1:{port}/ refused the token; give the --token it was started with", badToken.Stderr.Trim());

            var otherTest = await SurgeProcess.RunAsync(dir.Path, "run", "--url", "http://127.0.0.1:9/", "--vus", "4", "--duration", "2s", "--execution-segment-sequence", "0,1/2,1",
                "--execution-segment", "0:1/2", "--join", $"http://127.0.0.1:{port}", "--token", Token);
            Assert.Equal(104, otherTest.ExitCode);
            Assert.StartsWith($"surge: error: the aggregator at http://127.0.0.1:{port}/ refused this generator: this generator runs another test than the aggregator", otherTest.Stderr.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain('\n', otherTest.Stderr.Trim());
        }
        finally
        {
            aggregator.Signal("INT");
            await aggregator.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static string[] Run(string command, string[] load) => [command, .. load];

    private static long Started(string summary) => Count(summary, "iterations") + Dropped(summary);

    private static long Dropped(string summary) => Count(summary, "dropped_iterations");

    private static long Count(string summary, string metric)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(summary));
        return document.RootElement.GetProperty("metrics").TryGetProperty(metric, out var values) ? values.GetProperty("values").GetProperty("count").GetInt64() : 0;
    }

    /// <summary>Every request's duration from the generators' own files, added into one histogram (not through Surge's merge).</summary>
    private static MetricAggregate OneHistogram(params string[] files)
    {
        var all = MetricAggregate.Create(MetricType.Trend, MetricContains.Time);
        foreach (var line in files.SelectMany(File.ReadLines))
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.GetProperty("type").GetString() != "interval")
            {
                continue;
            }

            foreach (var series in document.RootElement.GetProperty("series").EnumerateArray().Where(s => s.GetProperty("metric").GetString() == "http_req_duration"))
            {
                var part = MetricAggregate.Create(MetricType.Trend, MetricContains.Time);
                part.Restore(series.GetProperty("count").GetInt64(), series.GetProperty("sum").GetDouble(), 0, series.GetProperty("min").GetDouble(), series.GetProperty("max").GetDouble(), 0);
                part.AddHistogram(HistogramCodec.Decode(series.GetProperty("hist").GetString()!));
                all.Add(part);
            }
        }

        return all;
    }
}
