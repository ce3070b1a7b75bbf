using System.Diagnostics;
using Surge.Cli.Tests.Support;
using Surge.Lab.Demo;

namespace Surge.Cli.Tests.Reliability;

/// <summary>File descriptors and memory: a test Surge cannot run is refused before it starts; one that runs out never aborts.</summary>
public class LimitsTests
{
    [Fact]
    public async Task VusBeyondTheDescriptorLimit_AreRefusedBeforeTheTest_WithWhatToDo()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();

        var result = await RunLimitedAsync(dir, "ulimit -n 1024", "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "1000", "--duration", "3s", "--out", "results.ndjson");

        Assert.Equal(104, result.ExitCode);
        Assert.StartsWith(
            "surge: error: 1,000 VUs need a connection each, about 1,064 file descriptors, but this process may open 1,024 (ulimit -n); lower the VUs, or raise the limit (ulimit -n 2048 as root)",
            result.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(dir.File("results.ndjson")), "nothing is written for a test that cannot run");
    }

    [Fact]
    public async Task SoftLimitBelowTheHardOne_IsRaised_SoTheVusRun()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();

        var result = await RunLimitedAsync(dir, "ulimit -Sn 1024", "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "1000", "--duration", "2s", "-q");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("1000 looping VUs", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescriptorsRunOut_DuringTheTest_CountAsAnErrorKind_AndNothingAborts()
    {
        // Each VU keeps a connection to each of two servers: 200 VUs want 400 descriptors under a limit of
        // 300, more than the check before the test counts (one connection per VU). It aborted with "Out of
        // memory." (exit 134) and an empty summary file when sockets took the runtime's last descriptors.
        // The second server is named "localhost" (::1 first, then 127.0.0.1): a connection that must try a
        // second address still works, so nothing but the descriptors fails.
        await using var first = await DemoServer.StartAsync();
        await using var second = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("two.cs"), $$"""
            public sealed class Two : LoadTest
            {
                public override TestOptions Options => new() { Vus = 200, Duration = TimeSpan.FromSeconds(3), BaseUrl = "{{first.Url}}" };

                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("{{new Uri(first.Url, "/fast")}}");
                    await vu.Http.GetAsync("http://localhost:{{second.Url.Port}}/fast");
                }
            }
            """);

        var result = await RunLimitedAsync(dir, "ulimit -n 300", "run", "two.cs", "--out", "results.ndjson", "--summary-export", "summary.json", "-q");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("network errors", result.Stdout, StringComparison.Ordinal);
        var errors = result.Stdout.Split('\n').Single(l => l.Contains("network errors", StringComparison.Ordinal));
        Assert.Matches(@"network errors\.+: descriptors: [0-9]+\s*$", errors); // that kind alone
        Assert.StartsWith("{\"type\":\"stop\"", File.ReadAllLines(dir.File("results.ndjson"))[^1], StringComparison.Ordinal);
        Assert.Contains("\"descriptors\"", File.ReadAllText(dir.File("summary.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--vus", "1000000", "1,000,000 VUs need about ")]
    [InlineData("--rate", "1000000000000", "a rate of 1,000,000,000,000 iterations per second is more than one load generator can start")]
    public async Task ImpossibleSizes_AreRefusedBeforeTheTest_WithAnEstimate(string flag, string value, string expected)
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--url", "http://127.0.0.1:9/", flag, value, "--duration", "3s");

        Assert.Equal(104, result.ExitCode);
        Assert.StartsWith("surge: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    /// <summary>Runs surge under a shell's <c>ulimit</c> (lowering a limit needs no privilege).</summary>
    private static async Task<SurgeProcess.Result> RunLimitedAsync(TempDirectory dir, string limits, params string[] args)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir.Path,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{limits} && exec dotnet \"$0\" \"$@\"");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Surge.Cli.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new SurgeProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
