using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Commands;

public class BadInputTests
{
    [Theory]
    [InlineData("unknown flag", "run --vus 2 --frobnicate")]
    [InlineData("unknown flag alone", "run --bogus")]
    [InlineData("request flags without a URL", "run -d 1s --body a")]
    [InlineData("user agent without a URL", "run -d 1s --user-agent probe/1")]
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
    [InlineData("unwritable HTML report", "run --url http://127.0.0.1:1/ --report /nonexistent-dir/report.html")]
    [InlineData("dashboard on a public address without a token", "run --url http://127.0.0.1:1/ --dashboard-listen 0.0.0.0:0")]
    [InlineData("dashboard address without a port", "run --url http://127.0.0.1:1/ --dashboard-listen 127.0.0.1")]
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
    [InlineData("flag without its value", "run --url http://127.0.0.1:1/ --vus")]
    [InlineData("flag given twice", "run --url http://127.0.0.1:1/ --vus 2 --vus 3")]
    [InlineData("backwards segment", "run --url http://127.0.0.1:1/ --vus 4 -d 1s --execution-segment 2/4:1/4")]
    [InlineData("malformed segment", "run --url http://127.0.0.1:1/ --vus 4 -d 1s --execution-segment 1/4-2/4")]
    [InlineData("overlapping sequence", "run --url http://127.0.0.1:1/ --vus 4 -d 1s --execution-segment 0:1/2 --execution-segment-sequence 0,1/2,1/4,1")]
    [InlineData("segment not in sequence", "run --url http://127.0.0.1:1/ --vus 4 -d 1s --execution-segment 1/4:3/4 --execution-segment-sequence 0,1/4,2/4,3/4,1")]
    [InlineData("join without token", "run --url http://127.0.0.1:1/ --vus 4 -d 1s --execution-segment 0:1/2 --join http://127.0.0.1:1")]
    [InlineData("aggregate without token", "aggregate --url http://127.0.0.1:1/ --vus 4 -d 1s --generators 2")]
    [InlineData("k8s without a script", "k8s nothing.cs --generators 2")]
    [InlineData("aggregator told to monitor", "aggregate --url http://127.0.0.1:1/ --vus 4 -d 1s --generators 2 --token T --monitor local")]
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

    [Theory]
    [InlineData("run --url http://127.0.0.1:1/ --duration 99999999999h", "--duration: '99999999999h' is too long; a duration is at most 1000h (about 41 days)")]
    [InlineData("demo --port -1", "--port '-1' is not a port; give 1 to 65535, or 0 for any free port (see 'surge demo --help')")]
    [InlineData("run --vus abc", "--vus 'abc' is not a whole number; write it like --vus 10 (see 'surge run --help')")]
    [InlineData("run --url http://127.0.0.1:1/ --lang fr", "--lang 'fr' is not a language Surge writes; use --lang en or --lang ko (see 'surge run --help')")]
    [InlineData("rnu", "unknown command 'rnu'; did you mean 'surge run'? (see 'surge --help')")]
    [InlineData("run http://127.0.0.1:1/a --url http://127.0.0.1:1/b", "'http://127.0.0.1:1/a' and --url 'http://127.0.0.1:1/b' both say what to load; give one of them")]
    [InlineData("run --url http://127.0.0.1:1/ --goal errors<150%", "goal 'errors<150%': an error rate is at most 100%; write a percentage from 0% to 100%, e.g. errors<1%")]
    [InlineData("run --url http://127.0.0.1:1/ --out same.json --summary-export same.json", "--out and --summary-export both name 'same.json'; give each output its own file")]
    [InlineData("run --url http://127.0.0.1:1/ --out /nonexistent-dir/results.ndjson", "--out '/nonexistent-dir/results.ndjson' cannot be written: its folder does not exist; create it first")]
    [InlineData("run --url http://127.0.0.1:1/ --out /", "--out '/' cannot be written: it is a folder; name a file")]
    [InlineData("run --url http://127.0.0.1:1/ --out csv=results.csv", "--out 'csv=results.csv' is k6's csv output; Surge writes its results as NDJSON: write --out results.ndjson (docs/results.md says what reads it)")]
    [InlineData("find-max --url http://127.0.0.1:1/ --out json=", "--out 'json=' names no file; write --out results.ndjson (or json=results.ndjson)")]
    public async Task PlainMistake_Exit104_OneLineThatNamesTheInputAndTheFix(string args, string expected)
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, args.Split(' '));

        AssertOneLineError(result, expected);
        Assert.Empty(Directory.GetFiles(dir.Path)); // refused before the run: not even an output file
    }

    [Fact]
    public async Task MethodThatIsNotAToken_IsRefusedBeforeAnyLoad()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--url", "http://127.0.0.1:1/", "-X", "GE T");

        AssertOneLineError(result, "-X/--method 'GE T' is not an HTTP method; write one word of letters, digits and !#$%&'*+-.^_`|~, e.g. -X POST");
    }

    [Fact]
    public async Task RaggedCsv_NamesTheCsvLine_NotTheScript()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("users.csv"), "username,password\nalice,a1\nbob\n");
        File.WriteAllText(dir.File("script.cs"), """
            public sealed class Users : LoadTest
            {
                private static readonly SharedArray<IReadOnlyDictionary<string, string>> Rows = SharedArray.Csv("users.csv");

                public async Task Default(Vu vu) => await vu.Http.GetAsync("http://127.0.0.1:1/" + Rows.ForVu(vu)["username"]);
            }
            """);

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "script.cs", "-q");

        AssertOneLineError(result, "data file 'users.csv' line 3 has 1 field, but the header has 2 (username, password); give every line one value per column");
    }

    [Fact]
    public async Task Report_LineThatIsNotJson_SaysWhichLine_WithoutTheJsonParsersWords()
    {
        using var dir = new TempDirectory();
        var start = """{"type":"start","time":"2026-11-25T03:00:00+00:00","surge":"0.1.0","target":"GET http://127.0.0.1/","scenarios":[],"thresholds":[]}""";
        File.WriteAllLines(dir.File("results.ndjson"), [start, "{\"type\":\"interval\",", "{\"type\":\"stop\"}"]);

        var result = await SurgeProcess.RunAsync(dir.Path, "report", "results.ndjson");

        AssertOneLineError(result, "results.ndjson line 2 is not a Surge results line: it is not JSON; surge report reads the file that surge run --out writes");
    }

    [Fact]
    public async Task YamlOptionTypo_IsAnErrorWithItsPlace_NotOneSilentIteration()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("test.yaml"), "baseUrl: http://127.0.0.1:1\nvus: 2\nduraton: 30s\nrequests:\n  - url: /\n");

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "test.yaml");

        AssertOneLineError(result, "test.yaml(3,1): unknown key 'duraton': did you mean 'duration'? Fix the name; as written, the option would be ignored");
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

    private static void AssertOneLineError(SurgeProcess.Result result, string expected)
    {
        Assert.True(result.ExitCode == 104, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        Assert.Equal("surge: error: " + expected, Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Demo_OnAPortInUse_SaysWhichAndWhatToDo()
    {
        await using var taken = await Surge.Lab.Demo.DemoServer.StartAsync();
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "demo", "--port", taken.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(104, result.ExitCode);
        Assert.Equal(
            $"surge: error: --port {taken.Url.Port}: 127.0.0.1:{taken.Url.Port} is already in use; choose another port, or --port 0 for any free one",
            result.Stderr.Trim());
    }
}
