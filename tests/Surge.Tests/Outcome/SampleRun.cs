using Surge.Metrics;
using Surge.Outcome;
using Surge.Thresholds;

namespace Surge.Tests.Outcome;

/// <summary>
/// Whole-run totals built by hand: two endpoints, a 500 and a refused connection, and checks (one
/// failing, in a group), over 10 s.
/// Shared with Surge.Cli.Tests (linked), where the summary renderer is checked against it.
/// </summary>
internal static class SampleRun
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    /// <param name="stepMicros">How far apart the request durations of one group are.</param>
    /// <param name="openModel">Also record http_req_service_time, at half of each request's duration.</param>
    public static MetricTotals Totals(long stepMicros = 1, bool openModel = false)
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
            var sent = MetricAggregate.Create(MetricType.Counter);
            var service = MetricAggregate.Create(MetricType.Trend);
            for (var i = 0; i < count; i++)
            {
                reqs.AddCounter(1);
                failed.AddRate(!expected);
                duration.AddTrendMicros(micros + (i * stepMicros));
                service.AddTrendMicros((micros + (i * stepMicros)) / 2);
                sent.AddCounter(80);
            }

            totals.Add(registry.GetSeries(metrics.HttpReqs, tags), reqs);
            totals.Add(registry.GetSeries(metrics.HttpReqFailed, tags), failed);
            totals.Add(registry.GetSeries(metrics.HttpReqDuration, tags), duration);
            totals.Add(registry.GetSeries(metrics.DataSent, tags), sent);
            if (openModel)
            {
                totals.Add(registry.GetSeries(metrics.HttpReqServiceTime, tags), service);
            }
        }

        Requests("/fast", 200, null, 900, 1_000);
        Requests("/slow", 200, null, 80, 50_000);
        Requests("/slow", 500, null, 15, 60_000);
        Requests("/slow", 0, "refused", 5, 100);
        void Check(string name, string? group, int passes, int fails)
        {
            var tags = TagSet.Of("scenario", "default", "check", name);
            var check = MetricAggregate.Create(MetricType.Rate);
            for (var i = 0; i < passes + fails; i++)
            {
                check.AddRate(i < passes);
            }

            totals.Add(registry.GetSeries(metrics.Checks, group is null ? tags : tags.With("group", group)), check);
        }

        Check("status is 200", null, 1000, 0);
        Check("item found", "::cart", 38, 2);
        Check("total is right", "::cart", 40, 0);
        var vus = MetricAggregate.Create(MetricType.Gauge);
        vus.SetGauge(10, 0, 10);
        totals.Add(registry.GetSeries(metrics.Vus, TagSet.Empty), vus);
        return totals;
    }

    public static TestSummary Summary(params ThresholdDefinition[] thresholds) => Summary(1, 0, thresholds);

    public static TestSummary Summary(long stepMicros, long interruptedIterations, params ThresholdDefinition[] thresholds)
    {
        var totals = Totals(stepMicros);
        return new TestSummary(
            new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero),
            Duration,
            StopReason.Completed,
            "GET http://127.0.0.1:8080/",
            [new ScenarioSummary("default", "constant-vus", "10 looping VUs for 10s (gracefulStop: 30s)", 1000, interruptedIterations, 0, [])],
            totals,
            ThresholdEvaluator.Evaluate(thresholds, totals, Duration));
    }
}
