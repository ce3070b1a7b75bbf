namespace Surge.Metrics;

/// <summary>
/// Turns what all threads recorded into one <see cref="IntervalSnapshot"/> per call, and keeps the
/// run's <see cref="MetricTotals"/>. Called once a second by the test runner, and once more at the end.
/// </summary>
internal sealed class MetricAggregator
{
    private readonly MetricRegistry _registry;
    private readonly MetricRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly List<SeriesSample> _samples = [];
    private MetricAggregate?[] _interval = [];
    private TimeSpan _lastElapsed;

    /// <summary>Creates an aggregator whose clock starts now.</summary>
    public MetricAggregator(MetricRecorder recorder, TimeProvider time)
    {
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _registry = recorder.Registry;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _startTimestamp = time.GetTimestamp();
    }

    /// <summary>Everything taken so far, summed.</summary>
    public MetricTotals Totals { get; } = new();

    /// <summary>Time since the aggregator was created (the test's clock).</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_startTimestamp);

    /// <summary>
    /// Takes what was recorded since the previous call. The snapshot stays valid until the next call.
    /// </summary>
    public IntervalSnapshot TakeInterval()
    {
        foreach (var sample in _samples)
        {
            sample.Values.Reset();
        }

        _samples.Clear();
        _recorder.DrainInto((id, recorded) => Cell(id).Add(recorded));

        // Read after draining: every series a thread recorded into was registered before it was recorded.
        var series = _registry.Series;
        foreach (var gauge in series)
        {
            if (gauge.Metric.Type == MetricType.Gauge)
            {
                _registry.GaugeOf(gauge).TakeInto(Cell(gauge.Id));
            }
        }

        for (var id = 0; id < Math.Min(series.Count, _interval.Length); id++)
        {
            if (_interval[id] is { IsEmpty: false } cell)
            {
                _samples.Add(new SeriesSample(series[id], cell));
            }
        }

        var elapsed = Elapsed;
        var snapshot = new IntervalSnapshot(_time.GetUtcNow(), elapsed, elapsed - _lastElapsed, _samples.ToArray());
        _lastElapsed = elapsed;
        Totals.Add(snapshot);
        return snapshot;
    }

    private MetricAggregate Cell(int id)
    {
        if (id >= _interval.Length)
        {
            Array.Resize(ref _interval, Math.Max(id + 1, _interval.Length * 2));
        }

        if (_interval[id] is { } cell)
        {
            return cell;
        }

        var metric = _registry.Series[id].Metric;
        return _interval[id] = MetricAggregate.Create(metric.Type, metric.Contains);
    }
}
