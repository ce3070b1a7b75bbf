using System.Text;
using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Reports.Console;

namespace Surge.Reports.Html;

/// <summary>
/// The report's data block: one JSON object with everything the page shows, built from the run's
/// outcome (summary and timeline). A run writes it live; <c>surge report</c> rebuilds the same bytes
/// from the results file.
/// </summary>
internal static class ReportData
{
    /// <summary>Points of the whole-run percentile curve: 0, 90, 99, 99.9 ... up to 99.9999 %, ten per decade of nines.</summary>
    private static readonly double[] CurvePercentiles =
        [.. Enumerable.Range(0, 61).Select(k => Math.Round(100 * (1 - Math.Pow(10, -k / 10.0)), 6)), 100];

    private static readonly string[] EmptyAtStart = ["scenarios", "verdicts", "diagnosis", "seconds"];

    private static readonly HashSet<string> Builtin = [.. new BuiltinMetrics(new MetricRegistry()).Registry.Metrics.Select(m => m.Name)];

    /// <summary>The data of a finished (or interrupted) run; the diagnosis in the given language.</summary>
    public static string Of(RunOutcome outcome, DiagnosisLanguage language)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var summary = outcome.Summary;
        var openModel = summary.Scenarios.Any(s => s.OpenModel);
        return Write(json =>
        {
            json.WriteBoolean("live", false);
            json.WriteString("target", summary.Target);
            json.WriteString("start", summary.StartTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("durationS", ReportSecond.Round(summary.Duration.TotalSeconds, 3));
            json.WriteBoolean("openModel", openModel);
            json.WriteString("stop", summary.StopReason.ToString());
            if (summary.StopMessage is not null)
            {
                json.WriteString("stopMessage", summary.StopMessage);
            }

            json.WriteNumber("exitCode", summary.ExitCode);
            Scenarios(json, summary.Scenarios.Select(s => (s.Name, s.Executor, s.Description, s.OpenModel)), summary);
            Verdicts(json, summary);
            json.WriteStartArray("diagnosis");
            if (summary.Diagnosis is { } diagnosis)
            {
                DiagnosisText.Lines(diagnosis, language).ToList().ForEach(json.WriteStringValue);
            }

            json.WriteEndArray();
            Totals(json, summary);
            json.WriteStartArray("seconds");
            foreach (var second in outcome.Timeline.Seconds)
            {
                ReportSecond.Write(json, second, summary.StartTime, openModel);
            }

            json.WriteEndArray();
            Curve(json, summary.Metric("http_req_duration"));
            ReportTables.Write(json, summary, Builtin);
        });
    }

    /// <summary>What is known when the test starts: the dashboard's page before its first second.</summary>
    public static string Of(TestStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var plan = start.Plan;
        return Write(json =>
        {
            json.WriteBoolean("live", true);
            json.WriteString("target", plan.Target);
            json.WriteString("start", start.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("durationS", ReportSecond.Round(plan.Scenarios.Count == 0 ? 0 : plan.Scenarios.Max(s => (s.Executor.StartTime + s.Executor.PlannedDuration).TotalSeconds), 3));
            json.WriteBoolean("openModel", plan.Scenarios.Any(s => s.Executor.IsOpenModel));
            Scenarios(json, plan.Scenarios.Select(s => (s.Name, s.Executor.ExecutorName, s.Executor.Describe(), s.Executor.IsOpenModel)), null);
            json.WriteStartArray("verdicts");
            foreach (var threshold in plan.Thresholds)
            {
                json.WriteStartObject();
                json.WriteString("label", Label(threshold));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("diagnosis");
            json.WriteEndArray();
            json.WriteStartArray("seconds");
            json.WriteEndArray();
        });
    }

    /// <summary>A page opened before the test started: nothing known yet but that it is live.</summary>
    public static string Waiting() => Write(json =>
    {
        json.WriteBoolean("live", true);
        json.WriteString("target", "");
        json.WriteString("start", DateTimeOffset.UnixEpoch.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("durationS", 0);
        json.WriteBoolean("openModel", false);
        foreach (var empty in EmptyAtStart)
        {
            json.WriteStartArray(empty);
            json.WriteEndArray();
        }
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Scenarios(Utf8JsonWriter json, IEnumerable<(string Name, string Executor, string Description, bool OpenModel)> scenarios, TestSummary? summary)
    {
        json.WriteStartArray("scenarios");
        foreach (var (name, executor, description, openModel) in scenarios)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("executor", executor);
            json.WriteString("description", description);
            json.WriteBoolean("openModel", openModel);
            if (summary?.Scenarios.FirstOrDefault(s => s.Name == name) is { } ran)
            {
                json.WriteNumber("completed", ran.CompletedIterations);
                json.WriteNumber("interrupted", ran.InterruptedIterations);
                json.WriteNumber("failed", ran.FailedIterations);
                json.WriteNumber("dropped", ran.DroppedIterations);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Verdicts(Utf8JsonWriter json, TestSummary summary)
    {
        json.WriteStartArray("verdicts");
        foreach (var result in summary.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("label", Label(result.Definition));
            json.WriteBoolean("passed", result.Passed);
            json.WriteString("observed", result.NoSamples
                ? $"no samples of {result.Definition.MetricKey}"
                : $"{result.Definition.Aggregation}={SummaryRenderer.ObservedText(result.Definition, result.Observed)}");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Label(Thresholds.ThresholdDefinition definition) =>
        definition.Goal is not null ? $"goal {definition.Goal}" : $"{definition.MetricKey} '{definition.Expression}'";

    private static void Totals(Utf8JsonWriter json, TestSummary summary)
    {
        var durations = summary.Metric("http_req_duration");
        var failed = summary.Metric("http_req_failed");
        json.WriteStartObject("totals");
        json.WriteNumber("requests", summary.Metric("http_reqs").Sum);
        json.WriteNumber("tps", summary.Tps);
        json.WriteNumber("avgMs", durations.MeanMicros / 1000);
        foreach (var percentile in new[] { 50, 90, 95, 99 })
        {
            json.WriteNumber($"p{percentile}Ms", durations.Count == 0 ? 0 : durations.PercentileMicros(percentile) / 1000);
        }

        json.WriteNumber("maxMs", durations.IsEmpty ? 0 : durations.Max / 1000);
        json.WriteNumber("errorRate", failed.Rate);
        json.WriteNumber("iterations", summary.Metric("iterations").Sum);
        json.WriteNumber("dataSent", summary.Metric("data_sent").Sum);
        json.WriteNumber("dataReceived", summary.Metric("data_received").Sum);
        json.WriteEndObject();
    }

    private static void Curve(Utf8JsonWriter json, MetricAggregate durations)
    {
        json.WriteStartArray("curve");
        if (durations.Count > 0)
        {
            foreach (var percentile in CurvePercentiles.Distinct())
            {
                json.WriteStartArray();
                json.WriteNumberValue(percentile);
                json.WriteNumberValue(ReportSecond.Round(durations.PercentileMicros(percentile) / 1000, 3));
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
    }
}
