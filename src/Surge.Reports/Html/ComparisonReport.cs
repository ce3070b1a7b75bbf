using System.Text;
using System.Text.Json;
using Surge.Analysis;
using Surge.Outcome;

namespace Surge.Reports.Html;

/// <summary>
/// <c>surge compare BEFORE AFTER --html</c>: the comparison table and both runs' per-second charts
/// overlaid on one axis of seconds since each run's start, in one self-contained file.
/// </summary>
internal static class ComparisonReport
{
    /// <summary>Writes the page whole or not at all.</summary>
    public static void Write(RunComparison comparison, RunOutcome before, RunOutcome after, DiagnosisLanguage language, string path)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        HtmlReport.WritePage(HtmlReport.Page(Data(comparison, before, after, language), language), path);
    }

    public static string Data(RunComparison comparison, RunOutcome before, RunOutcome after, DiagnosisLanguage language)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        using var table = new MemoryStream();
        ComparisonJson.Write(comparison, null, table);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteBoolean("compare", true);
            json.WriteStartArray("runs");
            foreach (var (label, outcome) in new[] { (comparison.Before.Label, before), (comparison.After.Label, after) })
            {
                json.WriteStartObject();
                json.WriteString("label", label);
                json.WritePropertyName("data");
                json.WriteRawValue(ReportData.Of(outcome, language));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("comparison");
            json.WriteRawValue(table.ToArray());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
