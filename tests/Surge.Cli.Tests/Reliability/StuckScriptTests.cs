using System.Text.Json;
using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Reliability;

/// <summary>User code that blocks its thread cannot be interrupted; the test must end anyway, with every result.</summary>
public class StuckScriptTests
{
    // A VU that sleeps (or spins) on its thread, after one request so there is something to report.
    private const string Sleeper = """
        public sealed class Sleeper : LoadTest
        {
            public override TestOptions Options => new() { Vus = 2, Duration = TimeSpan.FromSeconds(60) };

            public async Task Default(Vu vu)
            {
                await vu.Http.GetAsync("/fast");
                Thread.Sleep(600_000);
            }
        }
        """;

    private const string Spinner = """
        public sealed class Spinner : LoadTest
        {
            public override TestOptions Options => new() { Vus = 2, Duration = TimeSpan.FromSeconds(60) };

            public Task Default(Vu vu)
            {
                while (true)
                {
                }
            }
        }
        """;

    private const string SetupSleeps = """
        public sealed class SetupSleeps : LoadTest
        {
            public override TestOptions Options => new() { Vus = 2, Duration = TimeSpan.FromSeconds(60) };

            public override Task SetupAsync(Vu vu)
            {
                Thread.Sleep(600_000);
                return Task.CompletedTask;
            }

            public async Task Default(Vu vu) => await vu.Http.GetAsync("/fast");
        }
        """;

    [Theory]
    [InlineData("sleeper.cs", Sleeper)]
    [InlineData("spinner.cs", Spinner)]
    [InlineData("setup.cs", SetupSleeps)]
    public async Task SignalTwice_ToABlockedScript_EndsWithTheSummaryAndCompleteFiles(string name, string script)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(name), script);
        using var surge = SurgeProcess.Start(dir.Path, "run", name, "--out", "results.ndjson", "--summary-export", "summary.json");

        await ResultsFile.WaitForLinesAsync(dir.File("results.ndjson"), 3); // the script is compiled and the test has run two seconds
        // Signals of one kind are not queued: two sent back to back may arrive as one (a graceful stop).
        // So the second is sent again every second until the run ends, as an impatient user would.
        surge.Signal("INT");
        var exited = surge.WaitAsync(TimeSpan.FromSeconds(120)); // without the fix, never: only SIGKILL ended it
        for (var tries = 0; tries < 60 && !exited.IsCompleted; tries++)
        {
            await Task.Delay(1000);
            surge.Signal("INT");
        }

        var result = await exited;

        Assert.Equal(105, result.ExitCode);
        Assert.Contains("INTERRUPTED", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("█ TOTAL RESULTS", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"stop\"", File.ReadAllLines(dir.File("results.ndjson"))[^1], StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        Assert.Equal(105, summary.RootElement.GetProperty("surge").GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task NoSignal_BlockedIterationsAtTheEndOfTheGrace_TheTestEndsWithoutThem()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("spinner.cs"), Spinner);

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "spinner.cs", "--vus", "2", "--duration", "1s", "--graceful-stop", "1s", "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 VU(s) did not stop when interrupted, as their code blocks its thread", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("0 complete, 2 interrupted", result.Stdout, StringComparison.Ordinal);
    }
}
