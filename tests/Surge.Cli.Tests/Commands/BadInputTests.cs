using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Commands;

public class BadInputTests
{
    [Theory]
    [InlineData("unknown flag", "run --vus 2 --frobnicate")]
    [InlineData("unknown flag alone", "run --bogus")]
    [InlineData("request flags without a URL", "run -d 1s --body a")]
    [InlineData("bad duration", "run --duration 10x")]
    [InlineData("zero VUs", "run --vus 0")]
    [InlineData("negative VUs", "run --vus -3")]
    [InlineData("not a number", "run --vus many")]
    [InlineData("malformed URL", "run --url 127.0.0.1:8080/x")]
    [InlineData("not http", "run --url ftp://127.0.0.1/x")]
    [InlineData("percentile out of range", "run --url http://127.0.0.1:1/ --threshold http_req_duration:p(101)<5")]
    [InlineData("unknown metric", "run --url http://127.0.0.1:1/ --threshold http_req_duratoin:p(95)<5")]
    [InlineData("bad goal", "run --url http://127.0.0.1:1/ --goal latency<5")]
    [InlineData("unwritable results", "run --url http://127.0.0.1:1/ --out /nonexistent-dir/results.ndjson")]
    [InlineData("unwritable summary", "run --url http://127.0.0.1:1/ --summary-export /nonexistent-dir/summary.json")]
    [InlineData("missing body file", "run --url http://127.0.0.1:1/ --body-file /nonexistent-dir/body.json")]
    [InlineData("bad header", "run --url http://127.0.0.1:1/ -H NoColonHere")]
    [InlineData("bad trend stat", "run --url http://127.0.0.1:1/ --summary-trend-stats avg,p(200)")]
    [InlineData("missing results file", "report /nonexistent-dir/results.ndjson")]
    [InlineData("missing scenario file", "run script.cs")]
    [InlineData("missing YAML file", "run test.yaml")]
    [InlineData("k6 JavaScript", "run script.js")]
    [InlineData("starter of unknown kind", "new notes.txt")]
    [InlineData("starter in a missing folder", "new nodir/script.cs")]
    [InlineData("agent on port 0", "agent --listen 0.0.0.0:0")]
    public async Task BadInput_OneLineError_Exit104_NoStackTrace(string why, string args)
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, args.Split(' '));

        Assert.True(result.ExitCode == 104, $"{why}: exit {result.ExitCode}, stderr: {result.Stderr}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("surge: error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task UnknownMetric_ErrorSuggestsTheRightName()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--url", "http://127.0.0.1:1/", "--threshold", "http_req_duratoin:p(95)<5");

        Assert.Contains("did you mean 'http_req_duration'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltFlag_IsNamedAsAnUnknownOption_NotAsAUrlOrAStrayValue()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "-d", "1s", "--vuz", "3");

        Assert.Equal(104, result.ExitCode);
        Assert.StartsWith("surge: error: unknown option '--vuz' (did you mean '--vus'?)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_ShowsTheStackTrace()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--duration", "10x", "--verbose");

        Assert.Equal(104, result.ExitCode);
        Assert.Contains("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
