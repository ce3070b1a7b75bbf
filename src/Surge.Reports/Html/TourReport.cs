using System.Text;
using System.Text.Json;
using Surge.Analysis.FindMax;
using Surge.Outcome;

namespace Surge.Reports.Html;

/// <summary>
/// <c>surge lab tour --report</c>: the tour's table as the console printed it, then each stage's find-max
/// page (steps, charts, diagnosis) one after the other, in one self-contained file.
/// </summary>
internal static class TourReport
{
    /// <summary>One stage: its row of the table (the console's words) and its search.</summary>
    public sealed record Stage(int Number, IReadOnlyList<string> Cells, FindMaxResult Search, string Target);

    /// <summary>Writes the page whole or not at all.</summary>
    public static void Write(IReadOnlyList<Stage> stages, IReadOnlyList<string> goals, DiagnosisLanguage language, string path) =>
        HtmlReport.WritePage(HtmlReport.Page(Data(stages, goals, language), language), path);

    public static string Data(IReadOnlyList<Stage> stages, IReadOnlyList<string> goals, DiagnosisLanguage language)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(goals);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteBoolean("tour", true);
            json.WriteStartArray("goals");
            goals.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("stages");
            foreach (var stage in stages)
            {
                json.WriteStartObject();
                json.WriteNumber("stage", stage.Number);
                json.WriteStartArray("cells");
                stage.Cells.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WritePropertyName("findMax");
                json.WriteRawValue(FindMaxReport.Data(stage.Search, stage.Target, goals, language));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
