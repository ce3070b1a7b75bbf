using System.Text.Json;

namespace Surge.Analysis;

/// <summary>A comparison as JSON, for machines (<c>surge compare --json</c>).</summary>
internal static class ComparisonJson
{
    /// <summary>Writes <paramref name="comparison"/>, with the regressions past <paramref name="regressionPercent"/> when one is given.</summary>
    public static void Write(RunComparison comparison, double? regressionPercent, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        WriteRun(json, "before", comparison.Before);
        WriteRun(json, "after", comparison.After);
        json.WriteNumber("alpha", comparison.Alpha);
        json.WriteStartArray("differences");
        foreach (var difference in comparison.Differences)
        {
            json.WriteStringValue(difference);
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in comparison.Rows)
        {
            WriteRow(json, row);
        }

        json.WriteEndArray();
        if (regressionPercent is { } threshold)
        {
            json.WriteNumber("failOnRegressionPercent", threshold);
            json.WriteStartArray("regressions");
            foreach (var row in comparison.Regressions(threshold))
            {
                json.WriteStringValue(row.Key.ToString());
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, string name, ComparedRun run)
    {
        json.WriteStartObject(name);
        json.WriteString("label", run.Label);
        json.WriteString("target", run.Figures.Target);
        json.WriteBoolean("perSecondSeries", run.Series is not null);
        if (run.Figures.Diagnosis is { } diagnosis)
        {
            json.WriteString("diagnosis", diagnosis);
        }
        json.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter json, ComparisonRow row)
    {
        json.WriteStartObject();
        json.WriteString("group", row.Key.Group);
        json.WriteString("name", row.Key.Name);
        json.WriteString("unit", row.Unit switch
        {
            FigureUnit.PerSecond => "per_second",
            FigureUnit.Milliseconds => "ms",
            FigureUnit.Percent => "percent",
            _ => "bytes",
        });
        json.WriteBoolean("higherIsBetter", row.HigherIsBetter);
        Number(json, "before", row.Before);
        Number(json, "after", row.After);
        Number(json, "changePercent", row.ChangePercent);
        json.WriteString("verdict", row.Verdict switch
        {
            Verdict.Better => "better",
            Verdict.Worse => "worse",
            Verdict.Same => "same",
            _ => "untested",
        });
        Number(json, "pValue", row.PValue);
        json.WriteEndObject();
    }

    // JSON has no infinity: a change from 0 is written as null, like a missing value.
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
