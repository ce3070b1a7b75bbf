using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Results;

namespace Surge.Reports.Html;

/// <summary>The report's tables: endpoints, status codes, errors, checks, groups, custom metrics and monitored targets.</summary>
internal static class ReportTables
{
    public static void Write(Utf8JsonWriter json, TestSummary summary, IReadOnlySet<string> builtin)
    {
        SurgeBlock.WriteTables(json, summary); // the same endpoints, statuses and errors as the summary JSON's "surge" block
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
            json.WriteStartObject();
            json.WriteString("name", metric.Name);
            SummaryJsonExporter.WriteMetric(json, summary, metric, summary.Totals.Merge(metric, null), TrendStats.Default);
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
