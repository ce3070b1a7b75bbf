using System.Collections.Concurrent;

namespace Surge.Metrics;

/// <summary>
/// The metrics and series of one test run. Registration is rare and takes a lock; lookups of
/// existing series are lock-free.
/// </summary>
/// <remarks>
/// Series get dense ids so that per-thread buffers can hold them in plain arrays. Gauges are not
/// buffered per thread: they keep one cell each, read by the aggregator every interval.
/// </remarks>
internal sealed class MetricRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int MetricId, TagSet Tags), Series> _seriesByKey = new();
    private Series[] _series = [];
    private GaugeCell?[] _gauges = [];

    /// <summary>Registers a metric, or returns the one already registered under that name.</summary>
    /// <exception cref="InvalidOperationException">The name is taken by a metric of another type.</exception>
    public Metric Register(string name, MetricType type, MetricContains contains = MetricContains.Default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            if (_metrics.TryGetValue(name, out var existing))
            {
                if (existing.Type != type)
                {
                    throw new InvalidOperationException($"Metric '{name}' is already a {existing.Type}, not a {type}.");
                }

                return existing;
            }

            var metric = new Metric(_metrics.Count, name, type, contains);
            _metrics.Add(name, metric);
            return metric;
        }
    }

    /// <summary>The metric of that name, or null.</summary>
    public Metric? Find(string name)
    {
        lock (_lock)
        {
            return _metrics.GetValueOrDefault(name);
        }
    }

    /// <summary>All metrics registered so far.</summary>
    public IReadOnlyList<Metric> Metrics
    {
        get
        {
            lock (_lock)
            {
                return [.. _metrics.Values.OrderBy(m => m.Id)];
            }
        }
    }

    /// <summary>All series created so far, in id order.</summary>
    public IReadOnlyList<Series> Series => Volatile.Read(ref _series);

    /// <summary>The series of <paramref name="metric"/> with exactly these tags, created on first use.</summary>
    public Series GetSeries(Metric metric, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(tags);
        if (_seriesByKey.TryGetValue((metric.Id, tags), out var found))
        {
            return found;
        }

        lock (_lock)
        {
            if (_seriesByKey.TryGetValue((metric.Id, tags), out found))
            {
                return found;
            }

            var series = new Series(_series.Length, metric, tags);
            Volatile.Write(ref _series, [.. _series, series]);
            if (metric.Type == MetricType.Gauge)
            {
                var gauges = new GaugeCell?[_series.Length];
                Array.Copy(_gauges, gauges, _gauges.Length);
                gauges[series.Id] = new GaugeCell();
                Volatile.Write(ref _gauges, gauges);
            }

            _seriesByKey[(metric.Id, tags)] = series;
            return series;
        }
    }

    /// <summary>Sets a gauge series to a value (gauges are rare writes: executors, custom gauges).</summary>
    public void SetGauge(Series series, double value)
    {
        ArgumentNullException.ThrowIfNull(series);
        GaugeOf(series).Set(value);
    }

    internal GaugeCell GaugeOf(Series series)
    {
        var gauges = Volatile.Read(ref _gauges);
        return series.Id < gauges.Length && gauges[series.Id] is { } cell
            ? cell
            : throw new InvalidOperationException($"{series} is not a gauge.");
    }
}
