using System.Text.Json;

namespace Surge.Analysis.History;

/// <summary>The history's runs as JSON, for machines (<c>surge history --json</c>).</summary>
internal static class HistoryJson
{
    /// <summary>Writes <paramref name="runs"/> with, for a trend, the change points of TPS and p95 (indexes into the runs).</summary>
    public static void Write(IReadOnlyList<HistoryEntry> runs, IReadOnlyList<ChangePoint>? tpsChanges, IReadOnlyList<ChangePoint>? p95Changes, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(runs);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("runs");
        foreach (var run in runs)
        {
            json.WriteStartObject();
            json.WriteNumber("id", run.Id);
            json.WriteString("time", run.Time);
            json.WriteString("target", run.Target);
            json.WriteString("script", run.ScriptPath);
            json.WriteString("scriptSha256", run.ScriptSha256);
            json.WriteStartObject("tags");
            foreach (var (name, value) in run.Tags)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteString("resultsPath", run.ResultsPath);
            json.WriteNumber("tps", run.Tps);
            json.WriteNumber("p95Ms", run.P95Ms);
            json.WriteNumber("errorRate", run.ErrorRate);
            json.WriteNumber("exitCode", run.ExitCode);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteChanges(json, "tpsChanges", tpsChanges, runs);
        WriteChanges(json, "p95Changes", p95Changes, runs);
        json.WriteEndObject();
    }

    private static void WriteChanges(Utf8JsonWriter json, string name, IReadOnlyList<ChangePoint>? changes, IReadOnlyList<HistoryEntry> runs)
    {
        if (changes is null)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var change in changes)
        {
            json.WriteStartObject();
            json.WriteNumber("fromRun", runs[change.Index].Id);
            json.WriteNumber("meanBefore", change.MeanBefore);
            json.WriteNumber("meanAfter", change.MeanAfter);
            json.WriteNumber("pValue", change.PValue);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
