using System.Text;
using System.Text.Json;
using Surge.Analysis.FindMax;
using Surge.Outcome;

namespace Surge.Reports.Html;

/// <summary>
/// <c>surge find-max --report</c>: each step's throughput against the offered load, latency against
/// throughput, the Universal Scalability Law fit and the steps' table, in one self-contained file.
/// </summary>
internal static class FindMaxReport
{
    /// <summary>Writes the page whole or not at all.</summary>
    public static void Write(FindMaxResult result, string target, IReadOnlyList<string> goals, DiagnosisLanguage language, string path)
    {
        HtmlReport.WritePage(HtmlReport.Page(Data(result, target, goals, language), language), path);
    }

    public static string Data(FindMaxResult result, string target, IReadOnlyList<string> goals, DiagnosisLanguage language)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(goals);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteBoolean("findMax", true);
            json.WriteString("target", target);
            json.WriteString("model", result.Model == LoadModel.Open ? "open" : "closed");
            json.WriteString("end", result.End.ToString());
            json.WriteStartArray("goals");
            goals.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            if (result.MaxTps is { } max)
            {
                json.WriteNumber("maxTps", max);
            }

            json.WriteStartArray("steps");
            foreach (var step in result.Steps)
            {
                json.WriteStartObject();
                json.WriteNumber("number", step.Number);
                json.WriteNumber("level", step.Level);
                json.WriteString("verdict", step.Verdict.ToString());
                json.WriteBoolean("hold", step.Hold);
                json.WriteBoolean("best", ReferenceEquals(step, result.Best));
                json.WriteNumber("tps", step.Tps);
                json.WriteNumber("p50Ms", step.P50Ms);
                json.WriteNumber("p95Ms", step.P95Ms);
                json.WriteNumber("p99Ms", step.P99Ms);
                json.WriteNumber("errorRate", step.ErrorRate);
                json.WriteNumber("concurrency", step.Concurrency);
                json.WriteString("reasons", string.Join("; ", step.Reasons));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (result.Usl is { Problem: null } usl)
            {
                json.WriteStartObject("usl");
                json.WriteNumber("lambda", usl.Lambda);
                json.WriteNumber("sigma", usl.Sigma);
                json.WriteNumber("kappa", usl.Kappa);
                json.WriteNumber("rSquared", usl.RSquared);
                if (usl.PeakConcurrency is { } peak && usl.PeakThroughput is { } peakTps)
                {
                    json.WriteNumber("peakConcurrency", peak);
                    json.WriteNumber("peakThroughput", peakTps);
                }

                json.WriteEndObject();
            }

            var diagnosed = result.FirstFailing ?? result.GeneratorLimited ?? (result.Steps.Count > 0 ? result.Steps[^1] : null);
            json.WriteStartArray("diagnosis");
            if (diagnosed?.Summary?.Diagnosis is { } diagnosis)
            {
                json.WriteStringValue($"step {diagnosed.Number}:");
                DiagnosisText.Lines(diagnosis, language).ToList().ForEach(json.WriteStringValue);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
