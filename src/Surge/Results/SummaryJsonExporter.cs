using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;

namespace Surge.Results;

/// <summary>
/// Writes the summary as JSON in the shape of k6's <c>handleSummary</c> data:
/// <c>metrics</c> → name → { type, contains, values, thresholds → expression → { ok } }, plus a
/// <c>surge</c> block with TPS, latency, endpoints, statuses and error kinds.
/// </summary>
internal static class SummaryJsonExporter
{
    /// <summary>The sub-metric k6 always shows: durations of requests that got an expected status.</summary>
    public const string ExpectedDurations = "http_req_duration{expected_response:true}";

    /// <summary>Writes <paramref name="summary"/> to <paramref name="path"/>, whole or not at all.</summary>
    /// <exception cref="IOException">The file could not be written (a full disk); an earlier file there is left as it was.</exception>
    public static void Export(TestSummary summary, IReadOnlyList<string> trendStats, string path) =>
        AtomicFile.Write(path, file => Write(summary, trendStats, file));

    /// <summary>Writes <paramref name="summary"/> to a stream.</summary>
    public static void Write(TestSummary summary, IReadOnlyList<string> trendStats, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(trendStats);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WritePropertyName("root_group");
        WriteGroup(json, "", summary.Checks(), [.. summary.Groups().Select(g => g.Path)]);
        json.WriteStartObject("options");
        json.WriteStartArray("summaryTrendStats");
        trendStats.ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("state");
        json.WriteNumber("testRunDurationMs", summary.Duration.TotalMilliseconds);
        json.WriteEndObject();
        json.WriteStartObject("metrics");
        foreach (var (key, metric, filter) in MetricKeys(summary))
        {
            json.WriteStartObject(key);
            WriteMetric(json, summary, metric, summary.Totals.Merge(metric, filter), trendStats);
            var thresholds = summary.Thresholds.Where(t => t.Definition.MetricKey == key).ToList();
            if (thresholds.Count > 0)
            {
                json.WriteStartObject("thresholds");
                foreach (var result in thresholds)
                {
                    json.WriteStartObject(result.Definition.Expression);
                    json.WriteBoolean("ok", result.Passed);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        SurgeBlock.Write(json, summary);
        json.WriteEndObject();
    }

    /// <summary>k6's group tree: each group with its checks (passes, fails) and nested groups.</summary>
    private static void WriteGroup(Utf8JsonWriter json, string path, IReadOnlyList<CheckRow> checks, IReadOnlyList<string> groups)
    {
        json.WriteStartObject();
        json.WriteString("name", path.Length == 0 ? "" : path[(path.LastIndexOf("::", StringComparison.Ordinal) + 2)..]);
        json.WriteString("path", path);
        json.WriteStartArray("groups");
        var children = groups
            .Concat(checks.Select(c => c.Group))
            .Where(g => g.Length > path.Length && g.StartsWith(path + "::", StringComparison.Ordinal))
            .Select(g => path + "::" + g[(path.Length + 2)..].Split("::")[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var child in children)
        {
            WriteGroup(json, child, checks, groups);
        }

        json.WriteEndArray();
        json.WriteStartArray("checks");
        foreach (var check in checks.Where(c => c.Group == path))
        {
            json.WriteStartObject();
            json.WriteString("name", check.Name);
            json.WriteString("path", $"{path}::{check.Name}");
            json.WriteNumber("passes", check.Passes);
            json.WriteNumber("fails", check.Fails);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Every metric, then the sub-metrics k6 would list (expected durations, threshold filters).</summary>
    public static IEnumerable<(string Key, Metric Metric, TagSet? Filter)> MetricKeys(TestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var keys = new List<(string, Metric, TagSet?)>();
        var filtered = summary.Thresholds.Select(t => t.Definition).Where(d => d.Filter.Count > 0).ToList();
        foreach (var metric in summary.Totals.Metrics.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            keys.Add((metric.Name, metric, null));
            if (metric.Name == "http_req_duration")
            {
                keys.Add((ExpectedDurations, metric, TagSet.Of("expected_response", "true")));
            }

            // Each sub-metric a threshold names comes right after its metric.
            foreach (var threshold in filtered.Where(d => d.MetricName == metric.Name))
            {
                if (keys.All(k => k.Item1 != threshold.MetricKey))
                {
                    keys.Add((threshold.MetricKey, metric, threshold.Filter));
                }
            }
        }

        return keys;
    }

    /// <summary>A metric's type, contents and values as k6's summary writes them (also the HTML report's custom metrics).</summary>
    internal static void WriteMetric(Utf8JsonWriter json, TestSummary summary, Metric metric, MetricAggregate values, IReadOnlyList<string> trendStats)
    {
        json.WriteString("type", metric.Type.ToString().ToLowerInvariant());
        json.WriteString("contains", metric.Contains.ToString().ToLowerInvariant());
        json.WriteStartObject("values");
        switch (metric.Type)
        {
            case MetricType.Counter:
                json.WriteNumber("count", values.Sum);
                json.WriteNumber("rate", summary.PerSecond(values.Sum));
                break;
            case MetricType.Gauge:
                json.WriteNumber("value", values.Value);
                json.WriteNumber("min", values.IsEmpty ? 0 : values.Min);
                json.WriteNumber("max", values.IsEmpty ? 0 : values.Max);
                break;
            case MetricType.Rate:
                json.WriteNumber("rate", values.Rate);
                json.WriteNumber("passes", values.Trues);
                json.WriteNumber("fails", values.Count - values.Trues);
                break;
            default:
                foreach (var stat in trendStats)
                {
                    json.WriteNumber(stat, TrendStats.Value(values, stat));
                }

                break;
        }

        json.WriteEndObject();
    }
}
