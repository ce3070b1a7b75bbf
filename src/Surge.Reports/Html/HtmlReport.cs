using System.Reflection;
using System.Text;
using System.Text.Json;
using Surge.Outcome;
using Surge.Results;

namespace Surge.Reports.Html;

/// <summary>
/// The self-contained HTML report: one file with its styles, scripts (uPlot, vendored) and data inline,
/// so it opens offline and asks nothing of the network.
/// </summary>
internal static class HtmlReport
{
    private static readonly Lazy<string> Template = new(() => Resource("report.html"));
    private static readonly Lazy<string> UplotJs = new(() => Resource("uPlot.iife.min.js"));
    private static readonly Lazy<string> UplotCss = new(() => Resource("uPlot.min.css"));
    // The other pages (compare, find-max, the lab tour) first: report.js hands them its helpers.
    private static readonly Lazy<string> ReportJs = new(() => Resource("report-pages.js") + "\n" + Resource("report.js"));
    private static readonly Lazy<string> ReportCss = new(() => Resource("report.css"));
    private static readonly Lazy<JsonDocument> Labels = new(() => JsonDocument.Parse(Resource("labels.json")));

    /// <summary>The report of a finished (or interrupted) run.</summary>
    public static string Render(RunOutcome outcome, DiagnosisLanguage language) =>
        Page(ReportData.Of(outcome, language), language);

    /// <summary>Writes the report whole or not at all (a file that was there stays as it was on failure).</summary>
    public static void Write(RunOutcome outcome, DiagnosisLanguage language, string path) => WritePage(Render(outcome, language), path);

    /// <summary>Writes a page whole or not at all.</summary>
    public static void WritePage(string page, string path) =>
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(page)));

    /// <summary>The page around a data block; the dashboard serves it with the data known at the start.</summary>
    public static string Page(string data, DiagnosisLanguage language)
    {
        var code = language.Name;
        var labels = Labels.Value.RootElement.GetProperty(code);
        // Only placeholders of the template are replaced, in one pass, so text inside the data or the
        // scripts that happens to look like a placeholder stays as it is.
        var parts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["LANG"] = code,
            ["UPLOT_CSS"] = UplotCss.Value,
            ["REPORT_CSS"] = ReportCss.Value,
            ["LABELS"] = JsonSerializer.Serialize(labels),
            ["DATA"] = data,
            ["UPLOT_JS"] = UplotJs.Value,
            ["REPORT_JS"] = ReportJs.Value,
        };
        var template = Template.Value;
        var page = new StringBuilder(template.Length + data.Length + UplotJs.Value.Length + 16_384);
        var at = 0;
        while (template.IndexOf("{{", at, StringComparison.Ordinal) is var open and >= 0)
        {
            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            page.Append(template, at, open - at);
            var name = template[(open + 2)..close];
            page.Append(parts.TryGetValue(name, out var part) ? part : template[open..(close + 2)]);
            at = close + 2;
        }

        page.Append(template, at, template.Length - at);
        return page.ToString();
    }

    /// <summary>The data block of a report page (what a rebuilt report must equal).</summary>
    public static string DataOf(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        const string Open = "<script type=\"application/json\" id=\"surge-data\">";
        var start = page.IndexOf(Open, StringComparison.Ordinal) + Open.Length;
        return page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Surge.Reports.Html." + name)
            ?? throw new InvalidOperationException($"the report's resource '{name}' is missing from Surge.Reports");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
