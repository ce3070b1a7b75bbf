using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PuppeteerSharp;
using Surge.Cli.Tests.Support;
using Surge.Reports.Console;

namespace Surge.Cli.Tests.Reports.Html;

/// <summary>The live dashboard of a real <c>surge run --dashboard</c>, watched in headless Chromium.</summary>
public class DashboardBrowserTests
{
    [Fact]
    public async Task Dashboard_InChromium_NewSecondsArrive_ReloadKeepsHistory_EndOffersTheReport()
    {
        using var dir = new TempDirectory();
        var port = FreePort();
        using var surge = SurgeProcess.Start(
            dir.Path, "run", "--vus", "2", "--duration", "12s", "--monitor", "local", "--dashboard-listen", $"127.0.0.1:{port}", "--dashboard-linger",
            "--summary-export", "summary.json", "--no-history", "--quiet");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var url = $"http://127.0.0.1:{port}/";
        await OpenAsync(page, url, surge);

        // A new second is drawn within 3 s of its end (the second's own time, as the server sent it, against the
        // browser's clock on the same machine; a stalled test run delays the second, not the page).
        await SecondsAsync(page, atLeast: 2, TimeSpan.FromSeconds(30));
        var seen = await SecondsAsync(page, atLeast: 1, TimeSpan.Zero);
        var next = await SecondsAsync(page, atLeast: seen + 1, TimeSpan.FromSeconds(15));
        Assert.True(next > seen, $"no second after the {seen}th in 15 s");
        var lag = double.Parse(await page.EvaluateExpressionAsync<string>("document.body.getAttribute('data-shown-lag')"), CultureInfo.InvariantCulture);
        Assert.True(lag < 3, $"the {next}th second was drawn {lag:0.00} s after it ended");
        var drawn = await HeadlessChromium.DrawnChartsAsync(page);
        foreach (var chart in new[] { "chart-throughput", "chart-latency", "chart-vus", "chart-cpu", "chart-memory" })
        {
            Assert.True(drawn.GetValueOrDefault(chart) > 20, $"{chart} is not drawn live; charts: {string.Join(", ", drawn)}");
        }

        await SecondsAsync(page, atLeast: 6, TimeSpan.FromSeconds(30)); // a few more points for the picture
        await HeadlessChromium.ScreenshotAsync(page, "dashboard-live.png");

        // A reload mid-run starts again from the first second, not from now.
        var firstBefore = await page.EvaluateExpressionAsync<string>("document.body.getAttribute('data-first-elapsed')");
        var before = await SecondsAsync(page, atLeast: 1, TimeSpan.Zero);
        await page.ReloadAsync();
        var after = await SecondsAsync(page, atLeast: before, TimeSpan.FromSeconds(10));
        Assert.True(after >= before, $"{before} seconds before the reload, {after} after");
        Assert.Equal(firstBefore, await page.EvaluateExpressionAsync<string>("document.body.getAttribute('data-first-elapsed')"));

        // The end: the page turns into the report, its numbers the summary's, with the report to download.
        await page.WaitForSelectorAsync("body[data-ended='true']", new WaitForSelectorOptions { Timeout = 60_000 });
        var exported = Stopwatch.StartNew(); // the page ends as the run does; the summary file comes a moment later
        while (!File.Exists(dir.File("summary.json")) && exported.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("summary.json")));
        var metrics = summary.RootElement.GetProperty("metrics");
        Assert.Equal(Units.Number(metrics.GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-requests"));
        Assert.Equal(Units.Time(metrics.GetProperty("http_req_duration").GetProperty("values").GetProperty("p(95)").GetDouble()), await HeadlessChromium.TextAsync(page, "#total-p95"));
        using var http = new HttpClient();
        var report = await http.GetStringAsync(url + "report.html");
        Assert.Contains("id=\"surge-data\"", report, StringComparison.Ordinal);
        await HeadlessChromium.ScreenshotAsync(page, "dashboard-ended.png");
        Assert.Empty(chromium.Errors);

        surge.Signal("INT"); // --dashboard-linger: up until Ctrl+C
        var result = await surge.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"surge: dashboard at http://127.0.0.1:{port}/", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_PortAlreadyTaken_OneLineError_Exit104_BeforeAnyLoad()
    {
        using var dir = new TempDirectory();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await SurgeProcess.RunAsync(dir.Path, "run", "--duration", "30s", "--dashboard-listen", $"127.0.0.1:{port}", "--out", "results.ndjson", "--no-history");

        Assert.Equal(104, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"surge: error: --dashboard-listen 127.0.0.1:{port} cannot be used", line, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("results.ndjson")), "the load started before the dashboard's port was checked");
    }

    [Fact]
    public async Task Dashboard_WithToken_RefusesABrowserWithoutIt_AndAReconnectGoesOnAfterItsLastEventId()
    {
        using var dir = new TempDirectory();
        var port = FreePort();
        using var surge = SurgeProcess.Start(dir.Path, "run", "--duration", "20s", "--dashboard-listen", $"127.0.0.1:{port}", "--dashboard-token", "s3cret", "--no-history", "--quiet");
        using var http = new HttpClient();
        var url = $"http://127.0.0.1:{port}/";
        var open = await WaitForAsync(() => http.GetAsync(url + "?token=s3cret"), surge);

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url + "events?token=wrong")).StatusCode);

        // A browser that lost the stream after the second second comes back with Last-Event-ID: 2 and goes on from the third.
        using var resume = new HttpRequestMessage(HttpMethod.Get, url + "events?token=s3cret");
        resume.Headers.Add("Last-Event-ID", "2");
        using var stream = await http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        while ((line = await reader.ReadLineAsync(limit.Token)) is not null && !line.StartsWith("id: ", StringComparison.Ordinal))
        {
        }

        Assert.Equal("id: 3", line);
        surge.Signal("INT");
        await surge.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task OpenAsync(IPage page, string url, SurgeProcess surge) =>
        await WaitForAsync(async () => await page.GoToAsync(url, WaitUntilNavigation.Load) is { Ok: true } response ? response : throw new HttpRequestException("not yet"), surge);

    /// <summary>Tries until the dashboard answers (the process starts, builds the demo target and binds) or 60 s pass.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> attempt, SurgeProcess surge)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception exception) when (exception is HttpRequestException or NavigationException && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Assert.False(surge.HasExited, "surge ended before its dashboard answered");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The seconds the page has drawn, once at least <paramref name="atLeast"/> (or what it has when <paramref name="within"/> runs out).</summary>
    private static async Task<int> SecondsAsync(IPage page, int atLeast, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var seconds = await page.EvaluateExpressionAsync<int>("Number(document.body.getAttribute('data-seconds') || 0)");
            if (seconds >= atLeast || clock.Elapsed >= within)
            {
                return seconds;
            }

            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
