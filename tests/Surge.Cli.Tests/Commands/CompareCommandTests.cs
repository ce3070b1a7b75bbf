using System.Text.Json;
using System.Text.RegularExpressions;
using Surge.Cli.Tests.Support;
using Surge.Lab.Demo;

namespace Surge.Cli.Tests.Commands;

public class CompareCommandTests
{
    [Fact]
    public async Task FastThenSlow_IsWorseWithTheRightSign_FailsOnRegression_FromFilesAndFromHistoryIds()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        foreach (var (path, file) in new[] { ("/fast", "fast.ndjson"), ("/delay/50", "slow.ndjson") })
        {
            // 8 seconds a run: on a busy machine the first second may be nearly empty (start-up), and with 6
            // seconds a side one such second is enough to make the test of the per-second series miss 0.05.
            var run = await SurgeProcess.RunAsync(dir.Path, "run", "--url", new Uri(server.Url, path).ToString(), "--vus", "2", "--duration", "8s", "-q", "--out", file);
            Assert.True(run.ExitCode == 0, run.Stderr);
        }

        var refused = await SurgeProcess.RunAsync(dir.Path, "compare", "fast.ndjson", "slow.ndjson");
        var regressed = await SurgeProcess.RunAsync(dir.Path, "compare", "fast.ndjson", "slow.ndjson", "--force", "--json", "--fail-on-regression", "5%");
        var improved = await SurgeProcess.RunAsync(dir.Path, "compare", "last", "last~1", "--force", "--fail-on-regression", "5%");

        Assert.Equal(104, refused.ExitCode);
        Assert.Equal(
            $"surge: error: 'fast.ndjson' and 'slow.ndjson' are runs of different tests (target 'GET {new Uri(server.Url, "/fast")}' vs 'GET {new Uri(server.Url, "/delay/50")}'); give --force to compare them anyway",
            refused.Stderr.Trim());

        Assert.True(regressed.ExitCode == 99, regressed.Stderr + regressed.Stdout);
        using var json = JsonDocument.Parse(regressed.Stdout);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("group").GetString() == "load").ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("worse", rows["TPS"].GetProperty("verdict").GetString());
        Assert.True(rows["TPS"].GetProperty("changePercent").GetDouble() < -5);
        Assert.True(rows["TPS"].GetProperty("pValue").GetDouble() < 0.05);
        Assert.Equal("worse", rows["p95"].GetProperty("verdict").GetString());
        Assert.True(rows["p95"].GetProperty("changePercent").GetDouble() > 5);
        Assert.True(rows["p95"].GetProperty("after").GetDouble() >= 50); // the slow endpoint waits 50 ms
        Assert.Contains("load TPS", json.RootElement.GetProperty("regressions").EnumerateArray().Select(r => r.GetString()));

        // From the history: the last run (slow) before the one before it (fast) is the fast one after the slow.
        Assert.True(improved.ExitCode == 0, improved.Stderr + improved.Stdout);
        Assert.Contains("BEFORE #2  →  AFTER #1", improved.Stdout, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(improved.Stdout, @"TPS\s+[\d.]+/s\s+[\d.]+/s\s+\+[\d.]+%\s+better"), improved.Stdout);
        Assert.True(Regex.IsMatch(improved.Stdout, @"p95\s+[\d.]+ms\s+[\d.]+(µs|ms)\s+-[\d.]+%\s+better"), improved.Stdout); // a busy machine's /fast p95 passes 1 ms
        Assert.Contains("✓ no regression past 5%", improved.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWithoutResultsFile_ComparesOnItsSummary_Untested()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        var url = new Uri(server.Url, "/fast").ToString();
        for (var i = 0; i < 2; i++)
        {
            var run = await SurgeProcess.RunAsync(dir.Path, "run", "--url", url, "--vus", "1", "--iterations", "20", "-q");
            Assert.True(run.ExitCode == 0, run.Stderr);
        }

        var compare = await SurgeProcess.RunAsync(dir.Path, "compare", "1", "2", "--json", "--fail-on-regression", "0%");

        Assert.True(compare.ExitCode == 0, compare.Stderr);
        using var json = JsonDocument.Parse(compare.Stdout);
        Assert.False(json.RootElement.GetProperty("before").GetProperty("perSecondSeries").GetBoolean());
        Assert.All(json.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.Equal("untested", r.GetProperty("verdict").GetString()));
    }

    [Theory]
    [InlineData("nope.ndjson other.ndjson", "surge: error: results file 'nope.ndjson' does not exist; give a results file written by surge run --out, or a history id (12, last, last~1)")]
    [InlineData("12 15", "surge: error: run '12' is not in the history: there is no history at '.surge/history.db' yet (surge run records each run there; give --history PATH for another)")]
    [InlineData("last~1 last --fail-on-regression five", "surge: error: --fail-on-regression 'five' is not a percentage; write it like --fail-on-regression 5%")]
    public async Task BadInput_Exit104_OneLine(string args, string message)
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, ["compare", .. args.Split(' ')]);

        Assert.Equal(104, result.ExitCode);
        Assert.Equal(message, result.Stderr.Trim());
        Assert.False(Directory.Exists(dir.File(".surge")));
    }

    [Fact]
    public async Task UnknownHistoryId_Exit104_SaysWhichIdsThereAre()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        var run = await SurgeProcess.RunAsync(dir.Path, "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "1", "--iterations", "5", "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);

        var result = await SurgeProcess.RunAsync(dir.Path, "compare", "1", "15");

        Assert.Equal(104, result.ExitCode);
        Assert.Equal(
            $"surge: error: run '15' is not in the history at '{Path.Combine(".surge", "history.db")}'; its runs go up to 1 (surge history lists them)",
            result.Stderr.Trim());
    }
}
