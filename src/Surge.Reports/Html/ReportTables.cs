using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;

namespace Surge.Reports.Html;

/// <summary>The report's tables: endpoints, status codes, errors, checks, groups, custom metrics and monitored targets.</summary>
internal static class ReportTables
{
    public static void Write(Utf8JsonWriter json, TestSummary summary, IReadOnlySet<string> builtin)
    {
        json.WriteStartArray("endpoints");
        foreach (var row in summary.Endpoints())
        {
            json.WriteStartObject();
            json.WriteString("method", row.Method);
            json.WriteString("name", row.Name);
            json.WriteNumber("requests", row.Requests);
            json.WriteNumber("tps", row.Tps);
            json.WriteNumber("avgMs", row.AvgMs);
            json.WriteNumber("p95Ms", row.P95Ms);
            json.WriteNumber("p99Ms", row.P99Ms);
            json.WriteNumber("failed", row.Failed);
            if (row.ServiceP95Ms is { } service)
            {
                json.WriteNumber("serviceP95Ms", service);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        Pairs(json, "status", summary.StatusCounts().Select(p => (p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value)));
        Pairs(json, "errors", summary.ErrorCounts().Select(p => (p.Key, p.Value)));
        json.WriteStartArray("checks");
        foreach (var check in summary.Checks())
        {
            json.WriteStartObject();
            json.WriteString("group", check.Group);
            json.WriteString("name", check.Name);
            json.WriteNumber("passes", check.Passes);
            json.WriteNumber("fails", check.Fails);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("groups");
        foreach (var group in summary.Groups())
        {
            json.WriteStartObject();
            json.WriteString("path", group.Path);
            Trend(json, group.Duration);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("custom");
        foreach (var metric in summary.Totals.Metrics.Where(m => !builtin.Contains(m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var values = summary.Totals.Merge(metric, null);
            json.WriteStartObject();
            json.WriteString("name", metric.Name);
            json.WriteString("type", metric.Type.ToString().ToLowerInvariant());
            json.WriteBoolean("time", metric.Contains == MetricContains.Time);
            switch (metric.Type)
            {
                case MetricType.Counter:
                    json.WriteNumber("count", values.Sum);
                    json.WriteNumber("rate", summary.PerSecond(values.Sum));
                    break;
                case MetricType.Gauge:
                    json.WriteNumber("value", values.Value);
                    break;
                case MetricType.Rate:
                    json.WriteNumber("rate", values.Rate);
                    break;
                default:
                    Trend(json, values);
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("targets");
        foreach (var target in summary.Resources)
        {
            json.WriteStartObject();
            json.WriteString("target", target.Target);
            json.WriteString("kind", target.Kind);
            Optional(json, "cpuAvg", target.CpuAverage);
            Optional(json, "cpuPeak", target.CpuPeak);
            Optional(json, "memoryPeak", target.MemoryPeakBytes);
            Optional(json, "memoryTotal", target.MemoryTotalBytes);
            if (target.Problem is not null)
            {
                json.WriteString("problem", target.Problem);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Pairs(Utf8JsonWriter json, string name, IEnumerable<(string Key, long Count)> pairs)
    {
        json.WriteStartArray(name);
        foreach (var (key, count) in pairs)
        {
            json.WriteStartArray();
            json.WriteStringValue(key);
            json.WriteNumberValue(count);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>count, avg, p90, p95, max of a trend, as the summary prints them (milliseconds for times).</summary>
    private static void Trend(Utf8JsonWriter json, MetricAggregate values)
    {
        json.WriteNumber("count", values.Count);
        foreach (var (name, stat) in new[] { ("avg", "avg"), ("p90", "p(90)"), ("p95", "p(95)"), ("max", "max") })
        {
            json.WriteNumber(name, TrendStats.Value(values, stat));
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
    }
}
