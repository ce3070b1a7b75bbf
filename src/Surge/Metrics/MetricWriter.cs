namespace Surge.Metrics;

/// <summary>
/// Records samples into the calling thread's buffer. Obtain one with <see cref="MetricRecorder.BeginWrite"/>,
/// record everything a request produced, and dispose it; never hold one across an <c>await</c>.
/// </summary>
internal ref struct MetricWriter
{
    private readonly ThreadShard _shard;
    private readonly ShardBuffer _buffer;
    private readonly long _ticket;

    internal MetricWriter(ThreadShard shard)
    {
        _shard = shard;
        _ticket = shard.Enter(out _buffer);
    }

    /// <summary>Adds <paramref name="value"/> to a counter series.</summary>
    public readonly void AddCounter(Series series, double value) => _buffer.Slot(series).AddCounter(value);

    /// <summary>Adds one true or false sample to a rate series.</summary>
    public readonly void AddRate(Series series, bool value) => _buffer.Slot(series).AddRate(value);

    /// <summary>Adds a trend value in micro-units (microseconds for a time trend).</summary>
    public readonly void AddTrendMicros(Series series, long micros) => _buffer.Slot(series).AddTrendMicros(micros);

    /// <summary>
    /// Adds a trend value in the metric's unit (milliseconds for a time trend), kept to a thousandth:
    /// a value of 0.0005 or less counts as 0, and one above <see cref="MetricAggregate.HighestTrackable"/>
    /// counts at that limit in percentiles.
    /// </summary>
    public readonly void AddTrend(Series series, double value) =>
        _buffer.Slot(series).AddTrendMicros((long)Math.Round(value * 1000));

    /// <summary>Leaves the thread's buffer so the aggregator can take it.</summary>
    public readonly void Dispose() => _shard.Exit(_ticket);
}
