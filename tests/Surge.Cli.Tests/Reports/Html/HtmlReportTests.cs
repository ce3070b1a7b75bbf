using Surge.Cli.Tests.Support;
using Surge.Reports.Html;

namespace Surge.Cli.Tests.Reports.Html;

public class HtmlReportTests(ReportRun run) : IClassFixture<ReportRun>
{
    [Fact]
    public async Task ReportCommand_Html_RebuildsTheSameDataBlockAsTheLiveRun()
    {
        var rebuilt = await SurgeProcess.RunAsync(run.Dir, "report", "results.ndjson", "--html", "rebuilt.html");

        Assert.True(rebuilt.ExitCode == 0, rebuilt.Stderr);
        var live = HtmlReport.DataOf(File.ReadAllText(run.File("report.html")));
        Assert.Contains("\"seconds\":[{", live, StringComparison.Ordinal);
        Assert.Equal(live, HtmlReport.DataOf(File.ReadAllText(run.File("rebuilt.html"))));
    }

    [Fact]
    public void Report_IsOneFile_WithNothingToFetch()
    {
        var page = File.ReadAllText(run.File("report.html"));

        Assert.DoesNotMatch("<(script|link|img|iframe)[^>]+(src|href)=", page);
        Assert.Contains("uPlot", page, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page, StringComparison.Ordinal); // the page may not ask the network for anything
        Assert.True(page.Length < 300_000, $"a 4 s report is {page.Length} characters");
    }

    [Fact]
    public async Task ReportCommand_LangKo_WritesKoreanLabelsAndDiagnosis()
    {
        var korean = await SurgeProcess.RunAsync(run.Dir, "report", "results.ndjson", "--html", "ko.html", "--lang", "ko");

        Assert.True(korean.ExitCode == 0, korean.Stderr);
        var page = File.ReadAllText(run.File("ko.html"));
        Assert.Contains("<html lang=\"ko\">", page, StringComparison.Ordinal);
        var labels = System.Text.Json.JsonDocument.Parse(Section(page, "surge-labels")).RootElement;
        Assert.Equal("처리량 (TPS)", labels.GetProperty("chartThroughput").GetString());
        var english = HtmlReport.DataOf(File.ReadAllText(run.File("report.html")));
        Assert.NotEqual(english, HtmlReport.DataOf(page)); // the diagnosis is in Korean too
    }

    [Fact]
    public async Task ReportCommand_UnwritableHtmlPath_OneLineError_Exit104()
    {
        var result = await SurgeProcess.RunAsync(run.Dir, "report", "results.ndjson", "--html", "/nonexistent-dir/report.html");

        Assert.Equal(104, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("surge: error: --html '/nonexistent-dir/report.html' cannot be written", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout); // refused before the summary
    }

    private static string Section(string page, string id)
    {
        var open = $"<script type=\"application/json\" id=\"{id}\">";
        var start = page.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)];
    }
}
