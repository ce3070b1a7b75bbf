using Surge.Execution;
using Surge.Metrics;
using Surge.Summary;
using Surge.Thresholds;

namespace Surge.Tests.Summary;

/// <summary>Whole-run totals built by hand: two endpoints, a 500 and a refused connection, over 10 s.</summary>
internal static class SampleRun
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static MetricTotals Totals()
    {
        var registry = new MetricRegistry();
        var metrics = new BuiltinMetrics(registry);
        var totals = new MetricTotals();
        void Requests(string name, int status, string? error, int count, long micros)
        {
            var expected = status is >= 200 and < 400;
            var tags = TagSet.Of("scenario", "default", "method", "GET", "name", name, "status", status.ToString(), "expected_response", expected ? "true" : "false");
            if (error is not null)
            {
                tags = tags.With("error", error);
            }

            var reqs = MetricAggregate.Create(MetricType.Counter);
            var failed = MetricAggregate.Create(MetricType.Rate);
            var duration = MetricAggregate.Create(MetricType.Trend);
            for (var i = 0; i < count; i++)
            {
                reqs.AddCounter(1);
                failed.AddRate(!expected);
                duration.AddTrendMicros(micros + i);
            }

            totals.Add(registry.GetSeries(metrics.HttpReqs, tags), reqs);
            totals.Add(registry.GetSeries(metrics.HttpReqFailed, tags), failed);
            totals.Add(registry.GetSeries(metrics.HttpReqDuration, tags), duration);
        }

        Requests("/fast", 200, null, 900, 1_000);
        Requests("/slow", 200, null, 80, 50_000);
        Requests("/slow", 500, null, 15, 60_000);
        Requests("/slow", 0, "refused", 5, 100);
        return totals;
    }

    public static TestSummary Summary(params ThresholdDefinition[] thresholds)
    {
        var totals = Totals();
        return new TestSummary(
            new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero),
            Duration,
            StopReason.Completed,
            "GET http://127.0.0.1:8080/",
            [new ScenarioSummary("default", "constant-vus", "10 looping VUs for 10s (gracefulStop: 30s)", 1000, 0, 0, null)],
            totals,
            ThresholdEvaluator.Evaluate(thresholds, totals, Duration));
    }
}
