using System.Diagnostics;
using System.Text.Json;
using PuppeteerSharp;
using Surge.Cli.Tests.Support;
using Surge.Lab.Tests.Support;

namespace Surge.Lab.Tests.Topology;

/// <summary>
/// A short tour (stages 1, 2 and 6, three find-max steps each) names the server the seed's story expects, and
/// its report holds the same table and each stage's steps, drawn in headless Chromium.
/// </summary>
public sealed class TourTests
{
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "samples", "lab", "giveaway.yaml");

    [LabFact(stage: 6)]
    public async Task Tour_Stages1_2_6_NamesTheSaturatedServerAtEach_AndReportsTheWholeTour()
    {
        var options = TestLab.Options(6);
        using var dir = new TempDirectory();
        var report = dir.File("tour.html");
        var (exit, output, errors) = await SurgeAsync(
            "lab", "tour", "--stages", "1,2,6", "--step", "5s", "--from", "60", "--max-steps", "3", "--scenario", Scenario, "--no-history", "--report", report,
            "--lab-dir", options.Directory, "--address-prefix", options.AddressPrefix, "--cgroup-parent", options.CgroupParent);
        Assert.True(exit == 0, $"exit {exit}: {errors}");

        // The report's data block: the printed table, row for row, and each stage's find-max steps.
        var page = await File.ReadAllTextAsync(report);
        const string Open = "<script type=\"application/json\" id=\"surge-data\">";
        var start = page.IndexOf(Open, StringComparison.Ordinal) + Open.Length;
        using var data = JsonDocument.Parse(page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)]);
        var stages = data.RootElement.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal([1, 2, 6], stages.Select(s => s.GetProperty("stage").GetInt32()));
        foreach (var stage in stages)
        {
            var number = stage.GetProperty("stage").GetInt32();
            var cells = stage.GetProperty("cells").EnumerateArray().Select(c => c.GetString()).ToList();
            var printed = Row(output, number)[1..8];
            // The console wraps a long next step over more lines; its first line starts the report's cell.
            Assert.Equal(printed.Take(5).Append(printed[6]), cells.Take(5).Append(cells[6]));
            Assert.StartsWith(printed[5], cells[5], StringComparison.Ordinal);
            var steps = stage.GetProperty("findMax").GetProperty("steps").GetArrayLength();
            Assert.InRange(steps, 1, 3);
        }

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var tab = await chromium.NewPageAsync();
        await tab.GoToAsync(new Uri(report).AbsoluteUri, WaitUntilNavigation.Load);
        await tab.WaitForSelectorAsync("#chart-s6-steps canvas");
        Assert.Empty(chromium.Errors);
        Assert.Equal(3, await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('#tour tbody tr').length"));
        var drawn = await HeadlessChromium.DrawnChartsAsync(tab);
        Assert.All(new[] { 1, 2, 6 }, n => Assert.True(drawn.GetValueOrDefault($"chart-s{n}-steps") > 20, $"stage {n}'s steps are not drawn; charts: {string.Join(", ", drawn)}"));
        Assert.All(new[] { 1, 2, 6 }, n => Assert.True(drawn.ContainsKey($"chart-s{n}-latency"), $"stage {n} has no latency chart; charts: {string.Join(", ", drawn)}"));
        await HeadlessChromium.ScreenshotAsync(tab, "lab-tour-1280.png");

        // Stage 1: the one server runs everything. Stage 2: the database's half core gives out before the app's.
        // Stage 6: two app servers behind the balancer send the database even more.
        Assert.All(new[] { (1, "app1 (app)"), (2, "db (database)"), (6, "db (database)") }, e => Assert.True(Row(output, e.Item1)[5] == e.Item2, $"stage {e.Item1}: not {e.Item2} in\n{output}"));
    }

    [Fact]
    public async Task Tour_UnwritableReport_IsRefusedBeforeAnyStageStarts()
    {
        var lab = $"/tmp/surge-lab-test-{Guid.NewGuid():N}";
        var (exit, output, errors) = await SurgeAsync("lab", "tour", "--stages", "1", "--scenario", Scenario, "--no-history", "--report", "/nonexistent-folder/tour.html", "--lab-dir", lab);

        Assert.Equal(104, exit);
        Assert.StartsWith("surge: error: --report '/nonexistent-folder/tour.html' cannot be written", errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
        Assert.DoesNotContain("stage 1", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lab), "the lab's folder was made");
    }

    private static async Task<(int Exit, string Output, string Errors)> SurgeAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Surge.Cli.dll"));
        arguments.ToList().ForEach(info.ArgumentList.Add);
        using var surge = Process.Start(info)!;
        var errors = surge.StandardError.ReadToEndAsync();
        var output = await surge.StandardOutput.ReadToEndAsync();
        await surge.WaitForExitAsync();
        return (surge.ExitCode, output, await errors);
    }

    /// <summary>A stage's row of the printed table, split on its borders (cell 1 is the stage).</summary>
    private static string[] Row(string table, int stage) =>
        table.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).FirstOrDefault(c => c.Length > 6 && c[1] == stage.ToString())
            ?? throw new Xunit.Sdk.XunitException($"no row for stage {stage} in:\n{table}");
}
