using PuppeteerSharp;

namespace Surge.Cli.Tests.Support;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven by PuppeteerSharp: never a downloaded browser. A fresh
/// profile per launch; every console error, page error and request is recorded for the test to check.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IBrowser _browser;
    private readonly TempDirectory _profile;

    private HeadlessChromium(IBrowser browser, TempDirectory profile)
    {
        _browser = browser;
        _profile = profile;
    }

    /// <summary>Console errors and uncaught page errors, in the order they came.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Every URL a page asked for.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Where screenshots go: under the test output folder, kept as artefacts of the run.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "browser")).FullName;

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        Assert.True(File.Exists(Executable), $"Debian's chromium is not at {Executable}: the report and dashboard tests need a real browser. Install it with 'apt-get install -y chromium' (.ci/run does).");
        var profile = new TempDirectory();
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            UserDataDir = profile.Path,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        return new HeadlessChromium(browser, profile);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync();
        page.DefaultTimeout = 30_000;
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                lock (Errors)
                {
                    Errors.Add($"console: {e.Message.Text} ({e.Message.Location?.URL})");
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (Errors)
            {
                Errors.Add($"page error: {e.Message}");
            }
        };
        page.Request += (_, e) =>
        {
            lock (Requests)
            {
                Requests.Add(e.Request.Url);
            }
        };
        return page;
    }

    /// <summary>Each chart's id and how many of its canvas pixels are coloured: series lines and points, not the grey axes and grid.</summary>
    public static async Task<Dictionary<string, int>> DrawnChartsAsync(IPage page)
    {
        var drawn = await page.EvaluateFunctionAsync<Dictionary<string, int>>(@"() => {
            const out = {};
            document.querySelectorAll('.chart canvas').forEach(c => {
              const id = c.closest('.chart').id;
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 100 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 80) { n++; }
              }
              out[id] = n;
            });
            return out;
        }");
        return drawn;
    }

    public static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => { const e = document.querySelector(s); return e ? e.textContent : null; }", selector);

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(Path.Combine(Artifacts, name), new ScreenshotOptions { FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
        _profile.Dispose();
    }
}
