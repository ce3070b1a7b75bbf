using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Thresholds;
using Surge.Timeline;

namespace Surge.Results;

/// <summary>The JSON shapes of the results file, written here and read back by <see cref="ResultsFileReader"/>.</summary>
internal static class ResultsJson
{
    public static void WriteThreshold(Utf8JsonWriter json, ThresholdDefinition threshold)
    {
        json.WriteStartObject();
        json.WriteString("metric", threshold.MetricKey);
        json.WriteString("expression", threshold.Expression);
        json.WriteBoolean("abortOnFail", threshold.AbortOnFail);
        json.WriteNumber("delayAbortEval", threshold.DelayAbortEval.TotalSeconds);
        if (threshold.Goal is not null)
        {
            json.WriteString("goal", threshold.Goal);
        }

        json.WriteEndObject();
    }

    public static ThresholdDefinition ReadThreshold(JsonElement element)
    {
        var definition = ThresholdParser.ParseSpec(element.GetProperty("metric").GetString() + ":" + element.GetProperty("expression").GetString());
        return definition with
        {
            AbortOnFail = element.GetProperty("abortOnFail").GetBoolean(),
            DelayAbortEval = TimeSpan.FromSeconds(element.GetProperty("delayAbortEval").GetDouble()),
            Goal = element.TryGetProperty("goal", out var goal) ? goal.GetString() : null,
        };
    }

    public static void WriteSeries(Utf8JsonWriter json, SeriesSecond values)
    {
        var metric = values.Series.Metric;
        json.WriteStartObject();
        json.WriteString("metric", metric.Name);
        json.WriteString("type", metric.Type.ToString().ToLowerInvariant());
        json.WriteString("contains", metric.Contains.ToString().ToLowerInvariant());
        json.WriteStartObject("tags");
        foreach (var (key, value) in values.Series.Tags)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteNumber("count", values.Count);
        switch (metric.Type)
        {
            case MetricType.Counter:
                json.WriteNumber("sum", values.Sum);
                break;
            case MetricType.Rate:
                json.WriteNumber("trues", values.Trues);
                break;
            case MetricType.Gauge:
                json.WriteNumber("value", values.Value);
                json.WriteNumber("min", values.Min);
                json.WriteNumber("max", values.Max);
                break;
            default:
                json.WriteNumber("sum", values.Sum);
                json.WriteNumber("min", values.Min);
                json.WriteNumber("max", values.Max);
                json.WriteBase64String("hist", values.EncodedHistogram);
                break;
        }

        json.WriteEndObject();
    }

    public static (Series Series, MetricAggregate Values, byte[]? Histogram) ReadSeries(JsonElement element, MetricRegistry registry)
    {
        var type = Enum.Parse<MetricType>(element.GetProperty("type").GetString()!, ignoreCase: true);
        var contains = Enum.Parse<MetricContains>(element.GetProperty("contains").GetString()!, ignoreCase: true);
        var metric = registry.Register(element.GetProperty("metric").GetString()!, type, contains);
        var tags = TagSet.From(element.GetProperty("tags").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")));
        var values = MetricAggregate.Create(type, contains);
        double Number(string name) => element.TryGetProperty(name, out var v) ? v.GetDouble() : 0;
        values.Restore(
            element.GetProperty("count").GetInt64(),
            Number("sum"),
            (long)Number("trues"),
            type is MetricType.Trend or MetricType.Gauge ? Number("min") : double.PositiveInfinity,
            type is MetricType.Trend or MetricType.Gauge ? Number("max") : double.NegativeInfinity,
            Number("value"));
        byte[]? histogram = null;
        if (type == MetricType.Trend)
        {
            histogram = element.GetProperty("hist").GetBytesFromBase64();
            values.AddEncodedHistogram(histogram);
        }

        return (registry.GetSeries(metric, tags), values, histogram);
    }

    public static void WriteGenerator(Utf8JsonWriter json, GeneratorHealth health)
    {
        json.WriteStartObject("generator");
        json.WriteNumber("maxLagMs", health.MaxLag.TotalMilliseconds);
        json.WriteNumber("peakCpu", health.PeakCpu);
        json.WriteNumber("meanCpu", health.MeanCpu);
        json.WriteNumber("limitedSeconds", health.LimitedFor.TotalSeconds);
        json.WriteNumber("gcGen0", health.Gc.Gen0);
        json.WriteNumber("gcGen1", health.Gc.Gen1);
        json.WriteNumber("gcGen2", health.Gc.Gen2);
        json.WriteNumber("gcPauseMs", health.Gc.Paused.TotalMilliseconds);

        // Exact values for surge report, which must rebuild the same summary; the above are for people.
        json.WriteNumber("maxLagTicks", health.MaxLag.Ticks);
        json.WriteNumber("limitedTicks", health.LimitedFor.Ticks);
        json.WriteNumber("gcPauseTicks", health.Gc.Paused.Ticks);
        if (health.Verdict is not null)
        {
            json.WriteString("verdict", health.Verdict);
        }

        json.WriteEndObject();
    }

    public static GeneratorHealth ReadGenerator(JsonElement element) => new(
        element.TryGetProperty("maxLagTicks", out var lag) ? TimeSpan.FromTicks(lag.GetInt64()) : TimeSpan.FromMilliseconds(element.GetProperty("maxLagMs").GetDouble()),
        element.GetProperty("peakCpu").GetDouble(),
        element.GetProperty("meanCpu").GetDouble(),
        element.TryGetProperty("limitedTicks", out var limited) ? TimeSpan.FromTicks(limited.GetInt64()) : TimeSpan.FromSeconds(element.GetProperty("limitedSeconds").GetDouble()),
        element.TryGetProperty("verdict", out var verdict) ? verdict.GetString() : null)
    {
        Gc = element.TryGetProperty("gcGen0", out var gen0)
            ? new GcCounts(gen0.GetInt32(), element.GetProperty("gcGen1").GetInt32(), element.GetProperty("gcGen2").GetInt32(), TimeSpan.FromTicks(element.GetProperty("gcPauseTicks").GetInt64()))
            : default,
    };

    public static void WriteScenario(Utf8JsonWriter json, ScenarioSummary scenario)
    {
        json.WriteStartObject();
        json.WriteString("name", scenario.Name);
        json.WriteString("executor", scenario.Executor);
        json.WriteString("description", scenario.Description);
        json.WriteNumber("completed", scenario.CompletedIterations);
        json.WriteNumber("interrupted", scenario.InterruptedIterations);
        json.WriteNumber("failed", scenario.FailedIterations);
        json.WriteNumber("dropped", scenario.DroppedIterations);
        if (scenario.ExpectedIterations is { } expected)
        {
            json.WriteNumber("expected", expected);
        }

        json.WriteNumber("plannedSeconds", scenario.PlannedDuration.TotalSeconds);
        json.WriteNumber("plannedTicks", scenario.PlannedDuration.Ticks);
        json.WriteBoolean("openModel", scenario.OpenModel);
        json.WriteNumber("ranSeconds", scenario.Ran.TotalSeconds);
        json.WriteNumber("ranTicks", scenario.Ran.Ticks); // exact, for surge report; seconds are for people
        json.WriteNumber("loadTicks", scenario.LoadTime.Ticks);
        if (scenario.Errors.Count > 0)
        {
            json.WriteStartArray("errors");
            foreach (var error in scenario.Errors)
            {
                json.WriteStartObject();
                json.WriteString("message", error.Message);
                if (error.Location is not null)
                {
                    json.WriteString("location", error.Location);
                }

                json.WriteNumber("count", error.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    public static ScenarioSummary ReadScenario(JsonElement element) => new(
        element.GetProperty("name").GetString()!,
        element.GetProperty("executor").GetString()!,
        element.GetProperty("description").GetString()!,
        element.TryGetProperty("completed", out var c) ? c.GetInt64() : 0,
        element.TryGetProperty("interrupted", out var i) ? i.GetInt64() : 0,
        element.TryGetProperty("failed", out var f) ? f.GetInt64() : 0,
        element.TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => new IterationError(
                e.GetProperty("message").GetString()!,
                e.TryGetProperty("location", out var location) ? location.GetString() : null,
                e.GetProperty("count").GetInt64()))]
            : [])
    {
        DroppedIterations = element.TryGetProperty("dropped", out var dropped) ? dropped.GetInt64() : 0,
        ExpectedIterations = element.TryGetProperty("expected", out var expected) ? expected.GetInt64() : null,
        PlannedDuration = element.TryGetProperty("plannedTicks", out var planned) ? TimeSpan.FromTicks(planned.GetInt64())
            : element.TryGetProperty("plannedSeconds", out var seconds) ? TimeSpan.FromSeconds(seconds.GetDouble()) : TimeSpan.Zero,
        OpenModel = element.TryGetProperty("openModel", out var open) && open.GetBoolean(),
        Ran = element.TryGetProperty("ranTicks", out var ran) ? TimeSpan.FromTicks(ran.GetInt64()) : TimeSpan.Zero,
        LoadTime = element.TryGetProperty("loadTicks", out var load) ? TimeSpan.FromTicks(load.GetInt64()) : TimeSpan.Zero,
    };
}
