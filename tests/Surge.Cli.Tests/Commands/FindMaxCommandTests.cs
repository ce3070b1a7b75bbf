using System.Globalization;
using System.Text.RegularExpressions;
using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Commands;

/// <summary><c>surge find-max</c> end to end: the built tool against a server of known capacity, and its bad input.</summary>
public sealed partial class FindMaxCommandTests
{
    [Fact]
    public async Task FindMax_ServerOf100PerSecond_FindsItWithin15Percent_AndWritesEveryStep()
    {
        // One worker, 10 ms a request: 100 requests a second at most, whatever the CPU does. No latency goal:
        // on a busy machine the generator's and the server's stalls move latency far more than capacity.
        await using var server = new SingleWorkerServer(TimeSpan.FromMilliseconds(10));
        using var dir = new TempDirectory();

        // The server lives in this test process, which a loaded machine (the other test assemblies, stress-ng)
        // can stall for most of a second: then even 20/s completes short of its rate and the search rightly
        // stops early. A search that did not find the server's capacity is tried again, up to three times; a
        // find-max that never finds it fails all three.
        SurgeProcess.Result result = null!;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var process = SurgeProcess.Start(dir.Path, "find-max", "--url", server.Url.ToString(), "--from", "20", "--to", "1000", "--step", "5s",
                "--goal", "errors<1%", "--goal", "tps>=80", "--out", dir.File("results.ndjson"), "--no-history");
            result = await process.WaitAsync(TimeSpan.FromSeconds(180));
            if (MaximumLine().Match(result.Stdout) is { Success: true } found
                && double.Parse(found.Groups["tps"].Value, CultureInfo.InvariantCulture) is >= 85 and <= 115)
            {
                break;
            }
        }

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        var maximum = MaximumLine().Match(result.Stdout);
        Assert.True(maximum.Success, result.Stdout);
        var tps = double.Parse(maximum.Groups["tps"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(tps, 85, 115);
        Assert.Contains("✓ tps>=80 is within reach", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗ fail", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d+h +[\d.]+/s .*✓ holds", result.Stdout);
        Assert.Contains("scalability", result.Stdout, StringComparison.Ordinal);
        var steps = StepLine().Count(result.Stdout);
        Assert.True(steps >= 5, result.Stdout);
        Assert.All(Enumerable.Range(1, steps), n => Assert.True(File.Exists(dir.File($"results.step{n}.ndjson")), $"no results file for step {n}"));
    }

    [Fact]
    public async Task FindMax_ThroughputTargetOutOfReach_Exits99()
    {
        await using var server = new SingleWorkerServer(TimeSpan.FromMilliseconds(10));
        using var dir = new TempDirectory();

        // 400/s cannot be reached by a server of 100/s: the first steps already show it fail from 160/s on.
        using var process = SurgeProcess.Start(dir.Path, "find-max", "--url", server.Url.ToString(), "--from", "80", "--to", "160", "--step", "5s", "--goal", "tps>=400");
        var result = await process.WaitAsync(TimeSpan.FromSeconds(150));

        Assert.True(result.ExitCode == 99, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("✗ tps>=400 is not within reach", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("find-max --url http://127.0.0.1:1/ --from 500 --to 100", "--from 500 is above --to 100; find-max rises from --from to at most --to, so give a --from at or below --to")]
    [InlineData("find-max --url http://127.0.0.1:1/ --from 0", "--from 0 must be above 0: it is the first rate (iterations per second) find-max runs")]
    [InlineData("find-max --url http://127.0.0.1:1/ --step 2s", "--step 2s is too short to measure a level; give 5s or more, e.g. --step 20s")]
    [InlineData("find-max --url http://127.0.0.1:1/ --goal tps<100", "find-max cannot search on goal 'tps<100': it looks for the most throughput, so a throughput goal is a target to reach, e.g. tps>=2000")]
    [InlineData("find-max --url http://127.0.0.1:1/ --goal p95>5ms", "find-max cannot search on goal 'p95>5ms': it raises the load until a goal fails, so each goal must be one more load breaks: latency under a limit (p95<800ms), errors under a rate (errors<1%), checks above a rate, or tps>=N as the target to reach")]
    [InlineData("find-max --from 10", "find-max needs something to load: --url URL or a scenario file (script.cs, test.yaml)")]
    [InlineData("find-max --url http://127.0.0.1:1/ --model both", "Argument 'both' not recognized. Must be one of:\n\t'open'\n\t'closed' (see 'surge find-max --help')")]
    public async Task BadInput_OneLineThatNamesIt_Exit104(string args, string expected)
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, args.Split(' '));

        Assert.True(result.ExitCode == 104, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        Assert.Equal($"surge: error: {expected}", result.Stderr.TrimEnd());
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task ScriptThresholdOnACustomMetric_IsNotSearchable_Exit104()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "find-max", Path.Combine(Repository.Samples, "custom-metrics.cs"), "--step", "5s");

        Assert.True(result.ExitCode == 104, $"exit {result.ExitCode}, stderr: {result.Stderr}");
        Assert.Contains("surge: error: find-max cannot search on threshold 'checkout_time:p(95)<500'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"maximum\.+: (?<tps>[\d.]+) TPS")]
    private static partial Regex MaximumLine();

    [GeneratedRegex(@"^  \d+h? +[\d.]+/s ", RegexOptions.Multiline)]
    private static partial Regex StepLine();
}
