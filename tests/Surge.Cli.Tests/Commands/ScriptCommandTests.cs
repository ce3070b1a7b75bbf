using System.Text.Json;
using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Commands;

/// <summary><c>surge run file.cs</c>, <c>surge run file.yaml</c> and <c>surge new</c>, run as a user would.</summary>
public sealed class ScriptCommandTests
{
    [Theory]
    [InlineData("login-token.cs")]
    [InlineData("groups.cs")]
    [InlineData("custom-metrics.cs")]
    [InlineData("csv-users.cs")]
    [InlineData("two-scenarios.cs", "-e", "SECONDS=2")]
    [InlineData("load-models.cs", "--as-written")]
    [InlineData("json-api.yaml")]
    [InlineData("csv-users.yaml")]
    [InlineData("arrival-rate.yaml", "--as-written")]
    public async Task Sample_RunsAgainstTheDemoTarget_ChecksPassAndExit0(string sample, params string[] extra)
    {
        using var dir = new TempDirectory();
        // The samples' latency thresholds are for a real run: in two seconds on a busy machine, the first
        // requests (connections, JIT on both sides) can be p95. They are still read and must be valid.
        var args = new List<string> { "run", Path.Combine(Repository.Samples, sample), "-q", "--no-thresholds", "--summary-export", dir.File("summary.json") };
        args.AddRange(extra switch
        {
            [] => ["--duration", "2s", "--vus", "2"],
            ["--as-written"] => [],
            _ => extra,
        });

        var result = await SurgeProcess.RunAsync(dir.Path, [.. args]);

        Assert.True(result.ExitCode == 0, $"{sample}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        var checks = summary.RootElement.GetProperty("metrics").GetProperty("checks").GetProperty("values");
        Assert.True(checks.GetProperty("passes").GetInt64() > 0, sample);

        // Every check passes, but one on time: a VU's first request (a new connection, JIT on both sides of a
        // cold process) may be slow on a busy machine. Those still pass once the run is warm.
        foreach (var check in ChecksOf(summary.RootElement.GetProperty("root_group")))
        {
            var fails = check.GetProperty("fails").GetInt64();
            var passes = check.GetProperty("passes").GetInt64();
            var path = check.GetProperty("path").GetString();
            if (check.GetProperty("name").GetString()!.StartsWith("duration", StringComparison.Ordinal))
            {
                Assert.True(passes > 0, $"{sample}: {path}: {passes} passed, {fails} failed");
            }
            else
            {
                Assert.True(fails == 0, $"{sample}: {path}: {passes} passed, {fails} failed");
            }
        }

        Assert.Contains("█ CHECKS", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Stderr, StringComparison.Ordinal); // samples are what users copy
    }

    [Fact]
    public async Task Script_CompileError_PrintsCompilerLinesAndExits107BeforeAnyLoad()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("broken.cs"), "public sealed class T : LoadTest\n{\n    public async Task Default(Vu vu)\n    {\n        var x = 1\n    }\n}\n");

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "broken.cs");

        Assert.Equal(107, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("broken.cs(5,18): error CS1002: ; expected", lines[0]);
        Assert.Equal("surge: error: broken.cs does not compile (1 error); nothing was sent", lines[^1]);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Script_WrongOptionType_IsACompileError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("types.cs"), """
            public sealed class T : LoadTest
            {
                public override TestOptions Options => new() { Vus = "ten" };

                public Task Default(Vu vu) => Task.CompletedTask;
            }
            """);

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "types.cs");

        Assert.Equal(107, result.ExitCode);
        Assert.Contains("types.cs(3,58): error CS0029: Cannot implicitly convert type 'string' to 'int?'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_MissingExecFunction_Exits107WithASuggestion()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("exec.cs"), """
            public sealed class T : LoadTest
            {
                public override TestOptions Options => new()
                {
                    Scenarios = { ["shop"] = new ConstantVusOptions { Duration = TimeSpan.FromSeconds(1), Exec = "Checkuot" } },
                };

                public Task Checkout(Vu vu) => Task.CompletedTask;
            }
            """);

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "exec.cs");

        Assert.Equal(107, result.ExitCode);
        Assert.Contains("(did you mean 'Checkout'?)", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("surge: error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Script_SecondRun_TakesTheCompiledScriptFromTheCache()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("cached.cs"), $$"""
            // {{Guid.NewGuid()}}
            public sealed class T : LoadTest
            {
                public override TestOptions Options => new() { Duration = TimeSpan.FromMilliseconds(300) };

                public async Task Default(Vu vu) => await vu.Http.GetAsync("/fast");
            }
            """);

        var first = await SurgeProcess.RunAsync(dir.Path, "run", "cached.cs");
        var second = await SurgeProcess.RunAsync(dir.Path, "run", "cached.cs");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("script compiled in", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("compiled script taken from the cache", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_EveryIterationThrowsBeforeAnyRequest_GoalsFailForWantOfSamples_AndTheErrorsShow()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("throws.cs"), """
            public sealed class Throws : LoadTest
            {
                public Task Default(Vu vu) => throw new InvalidOperationException("no token in the response");
            }
            """);

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "throws.cs", "--vus", "1", "--duration", "1s", "--goal", "p95<1s", "--goal", "errors<1%", "-q");

        Assert.True(result.ExitCode == 99, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("✗ goal p95<1s  no samples of http_req_duration: nothing to check it against", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Iteration errors\.+: \d+ of \d+ iterations threw", result.Stdout);
        Assert.Contains("InvalidOperationException: no token in the response", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAILED", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_Abort_Exits108AndFail_Exits110()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("abort.cs"), """
            public sealed class T : LoadTest
            {
                public override TestOptions Options => new() { Duration = TimeSpan.FromSeconds(30) };

                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("/fast");
                    if (vu.Iteration == 2)
                    {
                        vu.Abort("stock is gone");
                    }
                }
            }
            """);
        File.WriteAllText(dir.File("fail.cs"), """
            public sealed class T : LoadTest
            {
                public override TestOptions Options => new() { Duration = TimeSpan.FromMilliseconds(500) };

                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("/fast");
                    vu.Fail("prices were wrong");
                    await vu.SleepAsync(0.1);
                }
            }
            """);

        var abort = await SurgeProcess.RunAsync(dir.Path, "run", "abort.cs", "--out", "abort.ndjson");
        var fail = await SurgeProcess.RunAsync(dir.Path, "run", "fail.cs");
        var report = await SurgeProcess.RunAsync(dir.Path, "report", "abort.ndjson");

        Assert.Equal(108, abort.ExitCode);
        Assert.Contains("ABORTED by the script: stock is gone", abort.Stdout, StringComparison.Ordinal);
        Assert.Equal(108, report.ExitCode);
        Assert.Equal(110, fail.ExitCode);
        Assert.Contains("FAILED by the script: prices were wrong", fail.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("syntax", "vus: 2\nduration: [1s\nrequests:\n  - url: /fast\n", "test.yaml(")]
    [InlineData("type", "vus: ten\nduration: 1s\nrequests:\n  - url: /fast\n", "test.yaml(1,6): 'vus' must be a whole number, not 'ten'")]
    [InlineData("template", "vus: 1\nduration: 1s\nvariables: { itemId: '7' }\nrequests:\n  - url: /items/{{itemid}}\n", "did you mean 'itemId'?")]
    [InlineData("missing CSV", "vus: 1\nduration: 1s\ndata:\n  users: { file: users.csv }\nrequests:\n  - url: /fast\n", "users.csv")]
    public async Task Yaml_BadInput_OneLineWithLineAndColumn_Exit104(string why, string yaml, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("test.yaml"), yaml);

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "test.yaml");

        Assert.True(result.ExitCode == 104, $"{why}: exit {result.ExitCode}\n{result.Stderr}");
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("surge: error: test.yaml(", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Yaml_UnknownKey_IsAWarningAndTheTestRuns()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("test.yaml"), "vus: 1\nduration: 1s\nrequests:\n  - url: /fast\n    chekcs:\n      - status: 200\n");

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "test.yaml", "-q");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("surge: warning: test.yaml(5,5): unknown key 'chekcs' (did you mean 'checks'?)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("script.cs")]
    [InlineData("test.yaml")]
    public async Task New_WritesAStarterThatRunsAgainstTheDemoTarget(string file)
    {
        using var dir = new TempDirectory();

        var created = await SurgeProcess.RunAsync(dir.Path, "new", file);
        var again = await SurgeProcess.RunAsync(dir.Path, "new", file);
        // The starter's latency threshold is for a real run (see the samples' test); it is still read and checked for errors.
        var run = await SurgeProcess.RunAsync(dir.Path, "run", file, "--duration", "2s", "--vus", "2", "-q", "--no-thresholds");

        Assert.Equal(0, created.ExitCode);
        Assert.Contains($"surge run {file}", File.ReadAllText(dir.File(file)), StringComparison.Ordinal);
        Assert.Equal(104, again.ExitCode);
        Assert.Contains("already exists; pass --force", again.Stderr, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("✓ ", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Every check in a summary JSON's group tree, k6's <c>root_group</c>.</summary>
    private static IEnumerable<JsonElement> ChecksOf(JsonElement group) =>
        group.GetProperty("checks").EnumerateArray()
            .Concat(group.GetProperty("groups").EnumerateArray().SelectMany(ChecksOf));
}
