using System.Globalization;
using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;

namespace Surge.Results;

/// <summary>The <c>surge</c> block of the summary JSON: the figures in the words of the people who asked.</summary>
internal static class SurgeBlock
{
    public static void Write(Utf8JsonWriter json, TestSummary summary)
    {
        var latency = summary.Metric("http_req_duration");
        json.WriteStartObject("surge");
        json.WriteString("target", summary.Target);
        json.WriteString("startTime", summary.StartTime);
        json.WriteString("stopReason", summary.StopReason.ToString());
        json.WriteNumber("exitCode", summary.ExitCode);
        if (summary.StopMessage is not null)
        {
            json.WriteString("stopMessage", summary.StopMessage);
        }

        if (summary.FailReasons.Count > 0)
        {
            json.WriteStartArray("failReasons");
            foreach (var reason in summary.FailReasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
        }

        json.WriteNumber("tps", summary.Tps);
        json.WriteNumber("responses", summary.Responses);
        json.WriteNumber("loadSeconds", summary.LoadTime.TotalSeconds);
        ResultsJson.WriteGenerator(json, summary.Generator);
        json.WritePropertyName("resources");
        System.Text.Json.JsonSerializer.Serialize(json, summary.Resources, Monitoring.ResourceJson.Options);
        json.WriteStartObject("latencyMs");
        foreach (var stat in new[] { "avg", "min", "med", "p(90)", "p(95)", "p(99)", "max" })
        {
            json.WriteNumber(stat, TrendStats.Value(latency, stat));
        }

        json.WriteEndObject();

        // Open model: latencyMs counts from when each iteration was due; serviceTimeMs is the uncorrected time.
        var openModel = summary.Scenarios.Any(s => s.OpenModel);
        json.WriteBoolean("latencyFromSchedule", openModel);
        if (openModel)
        {
            var service = summary.Metric("http_req_service_time");
            json.WriteStartObject("serviceTimeMs");
            foreach (var stat in new[] { "avg", "min", "med", "p(90)", "p(95)", "p(99)", "max" })
            {
                json.WriteNumber(stat, TrendStats.Value(service, stat));
            }

            json.WriteEndObject();
        }

        json.WriteNumber("errorRate", summary.Metric("http_req_failed").Rate);
        json.WriteStartArray("goals");
        foreach (var result in summary.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("goal", result.Definition.Goal);
            json.WriteString("threshold", $"{result.Definition.MetricKey}:{result.Definition.Expression}");
            json.WriteNumber("observed", result.Observed);
            json.WriteBoolean("ok", result.Passed);
            if (result.NoSamples)
            {
                json.WriteBoolean("noSamples", true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteTables(json, summary);
        json.WriteStartArray("scenarios");
        foreach (var scenario in summary.Scenarios)
        {
            ResultsJson.WriteScenario(json, scenario);
        }

        json.WriteEndArray();
        if (summary.Diagnosis is not null)
        {
            json.WriteStartObject("diagnosis");
            DiagnosisJson.WriteFields(json, summary.Diagnosis);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>The per-endpoint table, the status codes and the error kinds (also the HTML report's).</summary>
    internal static void WriteTables(Utf8JsonWriter json, TestSummary summary)
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
            if (row.ServiceP95Ms is { } service)
            {
                json.WriteNumber("serviceP95Ms", service);
            }

            json.WriteNumber("failed", row.Failed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("statuses");
        foreach (var (status, count) in summary.StatusCounts())
        {
            json.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
        }

        json.WriteEndObject();
        json.WriteStartObject("errors");
        foreach (var (kind, count) in summary.ErrorCounts())
        {
            json.WriteNumber(kind, count);
        }

        json.WriteEndObject();
    }
}
