using System.Text.Json;
using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Commands;

/// <summary>The executor flags of <c>surge run</c> (k6's shortcuts and <c>--rate</c>), run against the demo target.</summary>
public sealed class LoadModelCommandTests
{
    [Fact]
    public async Task Rate_RunsTheOpenModel_SaysHowItSizedThePool_AndLabelsBothLatencies()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--rate", "40", "--duration", "2s", "--summary-export", dir.File("summary.json"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("constant-arrival-rate", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("note: VU pool sized for the rate: 4 pre-allocated VUs", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("p95 (from schedule)", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"\[ +\d+% \] \d+/\d+ VUs \(max 80\)", result.Stderr);
        Assert.Contains("Latency (from schedule)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Service time (uncorrected)", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"rate\.+: achieved 40/s of 40/s configured \(100\.00%\)", result.Stdout);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        var surge = summary.RootElement.GetProperty("surge");
        Assert.True(surge.GetProperty("latencyFromSchedule").GetBoolean());
        Assert.True(surge.GetProperty("serviceTimeMs").GetProperty("p(95)").GetDouble() > 0);
        Assert.Equal(80, summary.RootElement.GetProperty("metrics").GetProperty("iterations").GetProperty("values").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Rate_StartsBatchedWithinTheWindow_TakeOnlyFreeVus_NotDrops()
    {
        // 1,000/s: the clock wakes for every fourth start, and the three due in the next 4 ms may start with it,
        // but only on a free VU. One VU is enough for iterations that take no time; when each took a VU early,
        // 1,604 of these 2,000 were dropped.
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("noop.cs"), """
            public sealed class Noop : LoadTest
            {
                public override TestOptions Options => new()
                {
                    Scenarios =
                    {
                        ["open"] = new ConstantArrivalRateOptions { Rate = 1000, Duration = TimeSpan.FromSeconds(2), PreAllocatedVus = 1, MaxVusAllowed = 1 },
                    },
                };

                public Task Default(Vu vu) => Task.CompletedTask;
            }
            """);

        // Taking a VU early drops three of every four starts whatever the machine does (1,604 of 2,000);
        // waiting for the own time drops only while the one VU is stalled: 45 to 58 on an idle machine,
        // but 648 and 1,040 with the other test assemblies (or stress-ng) on both cores. So the fewest drops
        // of up to three runs is judged, against half the starts: a busy machine passes within three
        // tries, while the early-taking VU never gets under 1,500.
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < 3 && fewest >= 1000; attempt++)
        {
            var result = await SurgeProcess.RunAsync(dir.Path, "run", "noop.cs", "-q", "--summary-export", dir.File("summary.json"));

            Assert.True(result.ExitCode == 0, result.Stderr);
            using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
            var metrics = summary.RootElement.GetProperty("metrics");
            var completed = metrics.GetProperty("iterations").GetProperty("values").GetProperty("count").GetInt64();
            var dropped = metrics.TryGetProperty("dropped_iterations", out var drops) ? drops.GetProperty("values").GetProperty("count").GetInt64() : 0;
            Assert.Equal(2000, completed + dropped);
            fewest = Math.Min(fewest, dropped);
        }

        Assert.True(fewest < 1000, $"at least {fewest} of 2000 dropped in each of three runs");
    }

    [Fact]
    public async Task Iterations_SharesAFixedCountBetweenTheVus()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--vus", "3", "--iterations", "12", "-q");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("shared-iterations: 12 iterations shared among 3 VUs", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("iterations..........................: 12 complete, 0 interrupted", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_RampsTheVus()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--stage", "1s:4,1s:0", "--vus", "0");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("ramping-vus: up to 4 looping VUs for 2s over 2 stages", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("vus_max.............................: 4", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run --rate 10")]
    [InlineData("run --rate 10 --duration 1s --stage 1s:2")]
    [InlineData("run --stage 10x:3")]
    [InlineData("run --max-vus 3 --duration 1s")]
    [InlineData("run --rate -5 --duration 1s")]
    [InlineData("run --rate 10 --duration 1s --vus 5")]
    [InlineData("run --time-unit 1m --duration 1s")]
    public async Task ContradictoryOrBadExecutorFlags_OneLineError_Exit104(string args)
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, args.Split(' '));

        Assert.True(result.ExitCode == 104, $"{args}: exit {result.ExitCode}\n{result.Stderr}");
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
