using Surge.Cli.Tests.Support;
using Surge.Lab.Demo;

namespace Surge.Cli.Tests.Commands;

public class DiagnosisCommandTests
{
    [Fact]
    public async Task Run_PrintsADiagnosis_AndReportOfItsResultsFilePrintsTheSameOne_InEitherLanguage()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();

        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "2", "--duration", "2s", "--quiet", "--lang", "en", "--out", "results.ndjson");
        var report = await SurgeProcess.RunAsync(dir.Path, "report", "results.ndjson", "--lang", "en");
        var korean = await SurgeProcess.RunAsync(dir.Path, "report", "results.ndjson", "--lang", "ko");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var diagnosis = Diagnosis(run.Stdout);
        Assert.Contains("Verdict: no monitors", diagnosis, StringComparison.Ordinal); // nothing was monitored: it says so and which flags would tell
        Assert.Contains("--monitor local", diagnosis, StringComparison.Ordinal);
        Assert.Equal(diagnosis, Diagnosis(report.Stdout));
        Assert.StartsWith("{\"type\":\"diagnosis\"", File.ReadAllLines(dir.File("results.ndjson"))[^2], StringComparison.Ordinal);
        Assert.Contains("판정: 모니터 없음", Diagnosis(korean.Stdout), StringComparison.Ordinal);
        Assert.Contains("--monitor local", Diagnosis(korean.Stdout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AgainstAServerFarFromItsLimit_WatchedByPid_SaysNoLimitReached_AndLoadHarder()
    {
        // The demo target as a process of its own, so its CPU is its own: 40 requests a second of /fast is a
        // few percent of one core, and an open model's rate that the server keeps is TPS following the load.
        using var dir = new TempDirectory();
        var port = Ports.Free();
        using var server = SurgeProcess.Start(dir.Path, "demo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Ports.WaitUntilListeningAsync(port);

        var run = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", $"http://127.0.0.1:{port}/fast", "--rate", "40", "--duration", "8s", "--monitor", $"app=pid:{server.Id}", "--quiet", "--lang", "en", "--no-history");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var diagnosis = Diagnosis(run.Stdout);
        Assert.Contains("Verdict: no limit reached", diagnosis, StringComparison.Ordinal);
        Assert.Contains("No limit reached: nothing monitored saturated and TPS followed the load", diagnosis, StringComparison.Ordinal);
        Assert.DoesNotContain("Bottleneck:", diagnosis, StringComparison.Ordinal);
        Assert.Contains("surge find-max", diagnosis, StringComparison.Ordinal);
    }

    /// <summary>The DIAGNOSIS section: from its heading to the blank line after it.</summary>
    private static string Diagnosis(string stdout)
    {
        var start = stdout.IndexOf("█ DIAGNOSIS", StringComparison.Ordinal);
        Assert.True(start >= 0, stdout);
        var end = stdout.IndexOf("\n\n", start, StringComparison.Ordinal);
        return stdout[start..end];
    }
}
