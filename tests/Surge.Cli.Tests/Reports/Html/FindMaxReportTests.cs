using PuppeteerSharp;
using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Reports.Html;

/// <summary><c>surge find-max --report</c> against a server of known capacity, the page opened in headless Chromium.</summary>
public class FindMaxReportTests
{
    [Fact]
    public async Task FindMaxReport_InChromium_DrawsEveryStepAndListsThem()
    {
        // One worker, 10 ms a request: about 100 requests a second, so the steps from 80/s to 160/s pass and then fail
        // (on an idle machine; the page is checked against whatever steps the search ran).
        await using var server = new SingleWorkerServer(TimeSpan.FromMilliseconds(10));
        using var dir = new TempDirectory();
        using var process = SurgeProcess.Start(dir.Path, "find-max", "--url", server.Url.ToString(), "--from", "80", "--to", "160", "--step", "5s",
            "--goal", "errors<1%", "--report", "find-max.html", "--no-history");
        var result = await process.WaitAsync(TimeSpan.FromSeconds(150));
        Assert.True(File.Exists(dir.File("find-max.html")), $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        var steps = System.Text.RegularExpressions.Regex.Count(result.Stdout, @"^  \d+h? +[\d.]+/s ", System.Text.RegularExpressions.RegexOptions.Multiline);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GoToAsync(new Uri(dir.File("find-max.html")).AbsoluteUri, WaitUntilNavigation.Load);
        await page.WaitForSelectorAsync("#chart-steps canvas");

        Assert.Empty(chromium.Errors);
        var drawn = await HeadlessChromium.DrawnChartsAsync(page);
        Assert.True(drawn.GetValueOrDefault("chart-steps") > 20, $"the steps are not drawn; charts: {string.Join(", ", drawn)}");
        Assert.True(drawn.ContainsKey("chart-latency"), $"no latency chart; charts: {string.Join(", ", drawn)}");
        var rows = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#steps tbody tr').length");
        // A stalled machine may end the search after one step; the page lists what was printed, whatever it was.
        Assert.True(rows >= 1 && rows == steps, $"{rows} rows in the page, {steps} step lines printed:\n{result.Stdout}");
        await HeadlessChromium.ScreenshotAsync(page, "find-max-1280.png");
    }
}
