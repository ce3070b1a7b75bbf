using Surge.Metrics;

namespace Surge.Timeline;

/// <summary>
/// What one series recorded in one second of a run, kept for the whole run: the exact statistics and,
/// for a trend, its HDR histogram in HdrHistogram's compressed encoding (the results file's <c>hist</c>).
/// </summary>
/// <remarks>
/// The histogram is kept encoded: a second's histogram is a few hundred bytes that way against the
/// ~190 KB of the live one, so an hour of seconds fits in memory. <see cref="ToAggregate"/> decodes it.
/// </remarks>
internal sealed class SeriesSecond : IEquatable<SeriesSecond>
{
    private readonly byte[]? _histogram;

    private SeriesSecond(Series series, long count, double sum, long trues, double min, double max, double value, byte[]? histogram)
    {
        Series = series;
        Count = count;
        Sum = sum;
        Trues = trues;
        Min = min;
        Max = max;
        Value = value;
        _histogram = histogram;
    }

    /// <summary>The series: metric and tags.</summary>
    public Series Series { get; }

    /// <summary>Samples seen in the second.</summary>
    public long Count { get; }

    /// <summary>Counter: the total. Trend: the sum of values in micro-units.</summary>
    public double Sum { get; }

    /// <summary>Rate: the samples that were true.</summary>
    public long Trues { get; }

    /// <summary>Trend or gauge: the smallest value (a trend's in micro-units).</summary>
    public double Min { get; }

    /// <summary>Trend or gauge: the largest value (a trend's in micro-units).</summary>
    public double Max { get; }

    /// <summary>Gauge: the latest value.</summary>
    public double Value { get; }

    /// <summary>Trend: the histogram, encoded; empty for other types.</summary>
    public ReadOnlySpan<byte> EncodedHistogram => _histogram;

    /// <summary>Trend: mean in micro-units.</summary>
    public double MeanMicros => Count == 0 ? 0 : Sum / Count;

    /// <summary>Takes a copy of what an aggregate holds now.</summary>
    internal static SeriesSecond Of(Series series, MetricAggregate values) => new(
        series,
        values.Count,
        values.Sum,
        values.Trues,
        values.Min,
        values.Max,
        values.Value,
        values.Histogram is null ? null : HistogramCodec.EncodeBytes(values.Histogram));

    /// <summary>Restores a second read from a results file, its histogram as encoded there.</summary>
    internal static SeriesSecond Restore(Series series, MetricAggregate values, byte[]? histogram) =>
        new(series, values.Count, values.Sum, values.Trues, values.Min, values.Max, values.Value, histogram);

    /// <summary>The second as an aggregate (its histogram decoded), to add into totals or read percentiles from.</summary>
    public MetricAggregate ToAggregate()
    {
        var metric = Series.Metric;
        var values = MetricAggregate.Create(metric.Type, metric.Contains);
        values.Restore(Count, Sum, Trues, Min, Max, Value);
        if (_histogram is not null)
        {
            values.AddEncodedHistogram(_histogram);
        }

        return values;
    }

    /// <summary>
    /// Adds the second into an aggregate of the same metric: as <c>total.Add(ToAggregate())</c>, without a
    /// histogram decoded for the second alone (each is as large as a run's, about 190 KB).
    /// </summary>
    public void AddTo(MetricAggregate total)
    {
        ArgumentNullException.ThrowIfNull(total);
        if (Count == 0)
        {
            return;
        }

        if (_histogram is not null)
        {
            total.AddEncodedHistogram(_histogram); // first: bytes that are not a histogram leave the total as it was
        }

        total.AddTotals(Count, Sum, Trues, Min, Max, Value);
    }

    /// <inheritdoc />
    public bool Equals(SeriesSecond? other) =>
        other is not null
        && SameSeries(Series, other.Series)
        && Count == other.Count
        && Sum.Equals(other.Sum)
        && Trues == other.Trues
        && Min.Equals(other.Min)
        && Max.Equals(other.Max)
        && Value.Equals(other.Value)
        && EncodedHistogram.SequenceEqual(other.EncodedHistogram);

    /// <summary>Series of two registries (a live run and its results file) are the same when metric and tags are.</summary>
    private static bool SameSeries(Series a, Series b) =>
        a.Metric.Name == b.Metric.Name && a.Metric.Type == b.Metric.Type && a.Metric.Contains == b.Metric.Contains && a.Tags.Equals(b.Tags);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SeriesSecond);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Series.Metric.Name, Series.Tags, Count, Sum);
}
