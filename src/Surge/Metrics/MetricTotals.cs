namespace Surge.Metrics;

/// <summary>
/// The whole-run values of every series: the sum of all interval snapshots. Built the same way
/// during a run and by <c>surge report</c> from a results file, so both give the same summary.
/// </summary>
internal sealed class MetricTotals
{
    private readonly Dictionary<Series, MetricAggregate> _bySeries = [];

    /// <summary>Adds one interval's samples.</summary>
    public void Add(IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var sample in snapshot.Samples)
        {
            Add(sample.Series, sample.Values);
        }
    }

    /// <summary>Adds what one series recorded.</summary>
    public void Add(Series series, MetricAggregate values)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(values);
        if (!_bySeries.TryGetValue(series, out var total))
        {
            total = MetricAggregate.Create(series.Metric.Type, series.Metric.Contains);
            _bySeries.Add(series, total);
        }

        total.Add(values);
    }

    /// <summary>Every series with its whole-run values.</summary>
    public IEnumerable<SeriesSample> Series => _bySeries.Select(p => new SeriesSample(p.Key, p.Value));

    /// <summary>The metrics that recorded anything, in registration order.</summary>
    public IReadOnlyList<Metric> Metrics => [.. _bySeries.Keys.Select(s => s.Metric).Distinct().OrderBy(m => m.Id)];

    /// <summary>The metric of that name, if it recorded anything.</summary>
    public Metric? FindMetric(string name) =>
        _bySeries.Keys.Select(s => s.Metric).FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The values of a metric over all its series whose tags include <paramref name="filter"/>
    /// (k6's sub-metric, e.g. <c>http_req_duration{expected_response:true}</c>).
    /// </summary>
    public MetricAggregate Merge(Metric metric, TagSet? filter = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var merged = MetricAggregate.Create(metric.Type, metric.Contains);
        foreach (var (series, values) in _bySeries)
        {
            if (series.Metric == metric && (filter is null || series.Tags.Contains(filter)))
            {
                if (metric.Type == MetricType.Gauge && !merged.IsEmpty)
                {
                    continue; // A gauge has one value; several tagged gauges are not summed.
                }

                merged.Add(values);
            }
        }

        return merged;
    }
}
