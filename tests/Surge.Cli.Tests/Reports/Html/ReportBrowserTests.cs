using PuppeteerSharp;
using Surge.Cli.Tests.Support;
using Surge.Reports.Console;

namespace Surge.Cli.Tests.Reports.Html;

/// <summary>The HTML report opened in headless Chromium, as a user would open the file.</summary>
public class ReportBrowserTests(ReportRun run) : IClassFixture<ReportRun>
{
    private static readonly string[] Charts = ["chart-throughput", "chart-latency", "chart-errors", "chart-vus", "chart-generator", "chart-cpu", "chart-memory", "curve"];

    [Fact]
    public async Task Report_InChromium_NoErrors_NothingFetched_EveryChartDrawn_NumbersEqualSummaryJson()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var url = new Uri(run.File("report.html")).AbsoluteUri;

        await page.GoToAsync(url, WaitUntilNavigation.Load);
        await page.WaitForSelectorAsync("#chart-throughput canvas");

        Assert.Empty(chromium.Errors);
        Assert.All(chromium.Requests, r => Assert.True(r == url || r.StartsWith("data:", StringComparison.Ordinal), $"the report asked for {r}"));
        var drawn = await HeadlessChromium.DrawnChartsAsync(page);
        foreach (var chart in Charts)
        {
            Assert.True(drawn.TryGetValue(chart, out var pixels) && pixels > 20, $"{chart} drew {pixels} pixels of its line; charts: {string.Join(", ", drawn)}");
        }

        var surge = run.Summary.GetProperty("surge");
        var latency = surge.GetProperty("latencyMs");
        Assert.Equal(Units.Number(run.Summary.GetProperty("metrics").GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-requests"));
        Assert.Equal(Units.Number(surge.GetProperty("tps").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-tps"));
        Assert.Equal(Units.Time(latency.GetProperty("avg").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-avg"));
        Assert.Equal(Units.Time(latency.GetProperty("med").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-p50"));
        Assert.Equal(Units.Time(latency.GetProperty("p(90)").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-p90"));
        Assert.Equal(Units.Time(latency.GetProperty("p(95)").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-p95"));
        Assert.Equal(Units.Time(latency.GetProperty("p(99)").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-p99"));
        Assert.Equal(Units.Time(latency.GetProperty("max").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-max"));
        Assert.Equal(Units.Percent(surge.GetProperty("errorRate").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-errorRate"));
        var endpoints = await page.EvaluateFunctionAsync<string[][]>("() => Array.from(document.querySelectorAll('#endpoints tbody tr')).map(r => Array.from(r.children).map(c => c.textContent))");
        foreach (var endpoint in surge.GetProperty("endpoints").EnumerateArray())
        {
            var row = Assert.Single(endpoints, r => r[0] == endpoint.GetProperty("name").GetString());
            Assert.Equal(Units.Number(endpoint.GetProperty("requests").GetDouble()), row[2]);
            Assert.Equal(Units.Time(endpoint.GetProperty("p95Ms").GetDouble()), row[5]);
        }

        Assert.Equal(2, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#verdicts .mark.ok').length"));
        await HeadlessChromium.ScreenshotAsync(page, "report-1280.png");
    }

    [Fact]
    public async Task Report_AtPhoneWidthAndInDarkTheme_FitsTheScreenAndSortsItsTables()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync(390, 844);
        await page.EmulateMediaFeaturesAsync([new MediaFeatureValue { MediaFeature = MediaFeature.PrefersColorScheme, Value = "dark" }]);

        await page.GoToAsync(new Uri(run.File("report.html")).AbsoluteUri, WaitUntilNavigation.Load);
        await page.WaitForSelectorAsync("#chart-latency canvas");

        Assert.Empty(chromium.Errors);
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than a phone's screen");
        Assert.Equal("rgb(20, 23, 28)", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.body).backgroundColor"));
        var drawn = await HeadlessChromium.DrawnChartsAsync(page);
        Assert.All(Charts, chart => Assert.True(drawn.GetValueOrDefault(chart) > 20, $"{chart} is not drawn at phone width"));

        // The endpoint table sorts by requests, one way and then the other.
        await page.ClickAsync("#endpoints th[data-col='5']");
        var ascending = await P95sAsync(page);
        await page.ClickAsync("#endpoints th[data-col='5']");
        var descending = await P95sAsync(page);
        Assert.Equal(ascending.Order(), ascending);
        Assert.Equal(ascending.Reverse(), descending);
        await HeadlessChromium.ScreenshotAsync(page, "report-phone-dark.png");
    }

    [Fact]
    public async Task CompareHtml_InChromium_OverlaysBothRunsAndShowsTheComparison()
    {
        var second = await SurgeProcess.RunAsync(run.Dir, "run", "--vus", "1", "--duration", "3s", "--monitor", "local", "--out", "second.ndjson", "--no-history", "--quiet");
        Assert.True(second.ExitCode == 0, second.Stderr);
        var compare = await SurgeProcess.RunAsync(run.Dir, "compare", "results.ndjson", "second.ndjson", "--html", "compare.html");
        Assert.True(compare.ExitCode == 0, compare.Stderr + compare.Stdout);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GoToAsync(new Uri(run.File("compare.html")).AbsoluteUri, WaitUntilNavigation.Load);
        await page.WaitForSelectorAsync("#chart-tps canvas");

        Assert.Empty(chromium.Errors);
        var drawn = await HeadlessChromium.DrawnChartsAsync(page);
        foreach (var chart in new[] { "chart-tps", "chart-p95", "chart-p99", "chart-errors", "chart-vus", "chart-cpu-local" })
        {
            Assert.True(drawn.GetValueOrDefault(chart) > 20, $"{chart} is not drawn; charts: {string.Join(", ", drawn)}");
        }

        Assert.Equal(["results.ndjson", "second.ndjson"], await page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('#chart-tps .u-legend .u-series th')).slice(1).map(e => e.textContent.trim())"));
        Assert.Contains("load TPS", await HeadlessChromium.TextAsync(page, "#comparison"), StringComparison.Ordinal);
        await HeadlessChromium.ScreenshotAsync(page, "compare-1280.png");
    }

    private static async Task<double[]> P95sAsync(IPage page) =>
        await page.EvaluateFunctionAsync<double[]>("() => Array.from(document.querySelectorAll('#endpoints tbody tr')).map(r => Number(r.children[5].getAttribute('data-sort')))");
}
