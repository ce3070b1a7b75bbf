using System.Text.Json;
using Surge.Cli.Tests.Support;
using Surge.Lab.Demo;

namespace Surge.Cli.Tests.Reliability;

/// <summary>A full disk stops the files, never the test: the summary is printed and every file stays valid.</summary>
public class FullDiskTests
{
    [RootFact]
    public async Task Out_OnADiskThatFills_TheTestGoesOn_SaysSoOnce_AndTheFileIsWholeLines()
    {
        await using var server = await DemoServer.StartAsync();
        using var disk = new SmallDisk(kilobytes: 48); // a few seconds of results lines
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "4", "--duration", "8s", "--out", disk.File("results.ndjson"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("█ TOTAL RESULTS", result.Stdout, StringComparison.Ordinal);
        var warning = $"surge: warning: --out '{disk.File("results.ndjson")}' cannot be written any more (No space left on device)";
        Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith(warning, StringComparison.Ordinal));
        var text = File.ReadAllText(disk.File("results.ndjson"));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, $"{lines.Length} lines kept");
        foreach (var line in lines)
        {
            using var _ = JsonDocument.Parse(line); // every line whole
        }

        var report = await SurgeProcess.RunAsync(dir.Path, "report", disk.File("results.ndjson"));
        Assert.Equal(105, report.ExitCode); // no stop line: the seconds before the disk filled, as for a killed run
        Assert.Contains("UNFINISHED", report.Stdout, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task SummaryExport_OnAFullDisk_IsWholeOrAbsent_TheSummaryIsPrinted_AndTheVerdictStands()
    {
        await using var server = await DemoServer.StartAsync();
        using var disk = new SmallDisk(kilobytes: 64);
        using var dir = new TempDirectory();
        disk.Fill();

        var result = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "2", "--duration", "1s", "--summary-export", disk.File("summary.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("█ TOTAL RESULTS", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"surge: warning: --summary-export '{disk.File("summary.json")}' could not be written (No space left on device", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["filler"], Directory.GetFiles(disk.Path).Select(Path.GetFileName)); // no summary.json, empty or cut, and no temporary file
    }
}
