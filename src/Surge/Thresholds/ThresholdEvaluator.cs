using Surge.Configuration;
using Surge.Metrics;

namespace Surge.Thresholds;

/// <summary>Checks thresholds against a run's totals. One more consumer of the metric stream, as in k6.</summary>
internal static class ThresholdEvaluator
{
    /// <summary>The built-in counters (http_reqs, iterations, dropped_iterations, data_*), by name.</summary>
    private static readonly HashSet<string> BuiltinCounters = BuiltinCounterNames();

    /// <summary>
    /// Checks that every threshold names a known metric and an aggregation that fits its type.
    /// </summary>
    /// <returns>Every problem found, each a sentence saying what to fix.</returns>
    public static IReadOnlyList<string> Validate(IEnumerable<ThresholdDefinition> thresholds, IReadOnlyList<Metric> known)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(known);
        var errors = new List<string>();
        foreach (var threshold in thresholds)
        {
            var metric = known.FirstOrDefault(m => m.Name == threshold.MetricName);
            if (metric is null)
            {
                errors.Add($"threshold on unknown metric '{threshold.MetricName}'{Suggestions.DidYouMean(threshold.MetricName, known.Select(m => m.Name))}");
                continue;
            }

            var fits = metric.Type switch
            {
                MetricType.Counter => threshold.Aggregation is "count" or "rate",
                MetricType.Gauge => threshold.Aggregation is "value",
                MetricType.Rate => threshold.Aggregation is "rate",
                _ => threshold.Aggregation is "avg" or "min" or "max" or "med" || threshold.Percentile is not null,
            };
            if (!fits)
            {
                errors.Add($"threshold '{threshold.MetricKey}:{threshold.Expression}': {metric.Name} is a {metric.Type.ToString().ToLowerInvariant()}; use {AllowedFor(metric.Type)}");
            }
        }

        return errors;
    }

    private static string AllowedFor(MetricType type) => type switch
    {
        MetricType.Counter => "count or rate",
        MetricType.Gauge => "value",
        MetricType.Rate => "rate",
        _ => "avg, min, med, max or p(N)",
    };

    /// <summary>Evaluates every threshold on <paramref name="totals"/>; rates of counters are per second of <paramref name="elapsed"/>.</summary>
    /// <param name="thresholds">The thresholds.</param>
    /// <param name="totals">The run's totals so far.</param>
    /// <param name="elapsed">The time the totals cover.</param>
    /// <param name="final">
    /// The end of the test: a trend, rate or gauge threshold no sample matched fails (a goal of
    /// <c>p95&lt;1s</c> on a run that sent nothing is not met). While running it passes, since the
    /// samples may still come (a scenario with a later startTime).
    /// </param>
    /// <param name="loadTime">
    /// How long the load ran (the run without VU start-up and graceful-stop tail), which a <c>tps</c> goal counts
    /// over; null while unknown (the run is going on), and then <paramref name="elapsed"/>.
    /// </param>
    public static IReadOnlyList<ThresholdResult> Evaluate(IEnumerable<ThresholdDefinition> thresholds, MetricTotals totals, TimeSpan elapsed, bool final = true, TimeSpan? loadTime = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(totals);
        var results = new List<ThresholdResult>();
        foreach (var threshold in thresholds)
        {
            var metric = totals.FindMetric(threshold.MetricName);

            // A counter that counted nothing is 0, a real value (dropped_iterations: count==0); any other
            // metric without samples has none. A metric that recorded nothing is not in the totals at all:
            // 'count' is only for counters, and the built-in ones are known by name.
            var values = metric is not null ? totals.Merge(metric, threshold.Filter)
                : threshold.Aggregation == "count" || BuiltinCounters.Contains(threshold.MetricName) ? MetricAggregate.Create(MetricType.Counter)
                : null;
            if (values is null || (values.Type != MetricType.Counter && values.Count == 0))
            {
                results.Add(new ThresholdResult(threshold, 0, !final) { NoSamples = true });
                continue;
            }

            // A throughput goal in flight before the first iteration ran (VUs still starting) has no load to count over yet.
            if (!final && threshold.Goal is not null && values.Type == MetricType.Counter && loadTime == TimeSpan.Zero)
            {
                results.Add(new ThresholdResult(threshold, 0, true) { NoSamples = true });
                continue;
            }

            var observed = Observe(threshold, values, threshold.Goal is not null && loadTime is { } load && load > TimeSpan.Zero ? load : elapsed);
            results.Add(new ThresholdResult(threshold, observed, threshold.IsMet(observed)));
        }

        return results;
    }

    private static HashSet<string> BuiltinCounterNames()
    {
        var registry = new MetricRegistry();
        _ = new BuiltinMetrics(registry);
        return [.. registry.Metrics.Where(m => m.Type == MetricType.Counter).Select(m => m.Name)];
    }

    /// <summary>The value a threshold's aggregation takes on <paramref name="values"/>.</summary>
    public static double Observe(ThresholdDefinition threshold, MetricAggregate values, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(values);
        return threshold.Aggregation switch
        {
            "count" => values.Sum,
            "rate" when values.Type == MetricType.Counter => elapsed > TimeSpan.Zero ? values.Sum / elapsed.TotalSeconds : 0,
            "rate" => values.Rate,
            "value" => values.Value,
            _ => TrendStats.Value(values, threshold.Aggregation), // avg, min, max, med, p(N): as the summary shows them
        };
    }
}
