using HdrHistogram;

namespace Surge.Metrics;

/// <summary>
/// The values of one metric (or series) over some span: an interval, a whole run, or a sub-metric
/// merged from several series. Aggregates add up exactly, histograms included.
/// </summary>
/// <remarks>
/// Trend values are kept in micro-units (a time trend in microseconds) as HDR histograms with
/// 3 significant digits, plus the exact count, sum, min and max; percentiles come from the histogram.
/// The histogram's range depends on what the trend holds (<see cref="HighestTrackable"/>): a value above
/// it counts at the top of the range in percentiles, while count, sum (so avg), min and max stay exact.
/// </remarks>
internal sealed class MetricAggregate
{
    /// <summary>Largest value a time trend's histogram holds: one hour in microseconds.</summary>
    public const long HighestTrackableMicros = 3_600_000_000;

    /// <summary>
    /// Largest value the histogram of any other trend (bytes, counts, money) holds: 10^12 in the
    /// metric's unit, 10^15 micro-units.
    /// </summary>
    public const long HighestTrackableNumberMicros = 1_000_000_000_000_000;

    private const int SignificantDigits = 3;

    // A thread's buffer counts a trend's values in the histogram's buckets it uses (BucketCounts) rather than in
    // a whole histogram: it is only ever added into another aggregate.
    private readonly BucketCounts? _buckets;
    private long _highestMicros;

    internal MetricAggregate(MetricType type, MetricContains contains = MetricContains.Time, bool threadBuffer = false)
    {
        Type = type;
        if (type == MetricType.Trend)
        {
            // Time trends (every built-in one) keep the one-hour range: a wider one would cost the aggregator
            // more counts to add every second.
            _highestMicros = HighestTrackable(contains);
            if (threadBuffer)
            {
                _buckets = new BucketCounts(_highestMicros);
            }
            else
            {
                Histogram = new LongHistogram(_highestMicros, SignificantDigits);
            }
        }

        Reset();
    }

    /// <summary>
    /// An empty aggregate of the given type, ready to <see cref="Add(MetricAggregate)"/> into. A trend's
    /// histogram starts with the time range and grows to hold a wider one added into it.
    /// </summary>
    public static MetricAggregate Create(MetricType type) => new(type);

    /// <summary>An empty aggregate for a metric of the given type holding the given kind of values.</summary>
    public static MetricAggregate Create(MetricType type, MetricContains contains) => new(type, contains);

    /// <summary>The largest value, in micro-units, a trend's histogram holds for these values.</summary>
    public static long HighestTrackable(MetricContains contains) =>
        contains == MetricContains.Time ? HighestTrackableMicros : HighestTrackableNumberMicros;

    /// <summary>Counter, gauge, rate or trend.</summary>
    public MetricType Type { get; }

    /// <summary>Samples seen: counter additions, rate samples, trend values, gauge settings.</summary>
    public long Count { get; private set; }

    /// <summary>Counter: the total. Trend: the sum of values in micro-units.</summary>
    public double Sum { get; private set; }

    /// <summary>Rate: how many samples were true (non-zero).</summary>
    public long Trues { get; private set; }

    /// <summary>Trend: smallest value in micro-units. Gauge: smallest value set.</summary>
    public double Min { get; private set; }

    /// <summary>Trend: largest value in micro-units. Gauge: largest value set.</summary>
    public double Max { get; private set; }

    /// <summary>Gauge: the latest value.</summary>
    public double Value { get; private set; }

    /// <summary>Trend: the distribution of values in micro-units; null for other types, and for a thread's buffer (added into another aggregate to be read).</summary>
    public HistogramBase? Histogram { get; private set; }

    /// <summary>True when nothing was recorded.</summary>
    public bool IsEmpty => Count == 0;

    internal void AddCounter(double value)
    {
        Count++;
        Sum += value;
    }

    internal void AddRate(bool value)
    {
        Count++;
        if (value)
        {
            Trues++;
        }
    }

    internal void AddTrendMicros(long micros)
    {
        // Below 0 is clock noise (a duration cannot be negative); above the range, only the
        // histogram is capped, so avg and max still tell the truth.
        var value = Math.Max(micros, 0);
        var capped = Math.Min(value, _highestMicros);
        if (_buckets is null)
        {
            Histogram!.RecordValue(capped);
        }
        else
        {
            _buckets.Record(capped);
        }

        Count++;
        Sum += value;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    internal void SetGauge(double value, double min, double max)
    {
        Count++;
        Value = value;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
    }

    /// <summary>Adds another aggregate of the same type into this one (exact for every statistic).</summary>
    public void Add(MetricAggregate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Type != Type)
        {
            throw new ArgumentException($"Cannot add a {other.Type} into a {Type}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        AddTotals(other.Count, other.Sum, other.Trues, other.Min, other.Max, other.Value);
        if (other._buckets is { } buckets)
        {
            buckets.AddInto(HistogramHolding(buckets.Highest));
        }
        else if (Histogram is not null)
        {
            AddHistogram(other.Histogram!);
        }
    }

    /// <summary>
    /// Adds the statistics of another aggregate of this type, all but its histogram, which the caller adds
    /// (<see cref="AddEncodedHistogram"/>): <see cref="Add(MetricAggregate)"/> of values kept elsewhere.
    /// </summary>
    internal void AddTotals(long count, double sum, long trues, double min, double max, double value)
    {
        Count += count;
        Sum += sum;
        Trues += trues;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        Value = value;
    }

    /// <summary>Adds a trend's histogram (one read from a results file), widening this one's range if needed.</summary>
    internal void AddHistogram(HistogramBase other) => HistogramHolding(other.HighestTrackableValue).Add(other);

    /// <summary>Adds a trend's histogram in <see cref="HistogramCodec"/>'s encoding, without decoding it into a histogram of its own.</summary>
    /// <exception cref="FormatException">The bytes are not an encoded histogram.</exception>
    internal void AddEncodedHistogram(byte[] encoded) => HistogramCodec.AddDecoded(encoded, HistogramHolding);

    /// <summary>The histogram, first widened to hold values up to <paramref name="highest"/> if it does not.</summary>
    private HistogramBase HistogramHolding(long highest)
    {
        if (highest > Histogram!.HighestTrackableValue)
        {
            var wider = new LongHistogram(highest, SignificantDigits);
            wider.Add(Histogram);
            Histogram = wider;
            _highestMicros = highest;
        }

        return Histogram;
    }

    /// <summary>Restores fields read from a results file; the histogram is added separately.</summary>
    internal void Restore(long count, double sum, long trues, double min, double max, double value)
    {
        Count = count;
        Sum = sum;
        Trues = trues;
        Min = min;
        Max = max;
        Value = value;
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        Count = 0;
        Sum = 0;
        Trues = 0;
        Value = 0;
        Min = double.PositiveInfinity;
        Max = double.NegativeInfinity;
        Histogram?.Reset();
        _buckets?.Reset();
    }

    /// <summary>Rate: share of true samples (0 when empty).</summary>
    public double Rate => Count == 0 ? 0 : (double)Trues / Count;

    /// <summary>Trend: mean in micro-units (exact, from the sum).</summary>
    public double MeanMicros => Count == 0 ? 0 : Sum / Count;

    /// <summary>Trend: the value at <paramref name="percentile"/> (0–100) in micro-units, from the histogram.</summary>
    public double PercentileMicros(double percentile)
    {
        if (Histogram is null || Count == 0)
        {
            return 0;
        }

        if (percentile >= 100)
        {
            return Max;
        }

        if (percentile <= 0)
        {
            return Min;
        }

        // The histogram answers with the highest value of a bucket; the exact min and max bound it.
        return Math.Clamp(Histogram.GetValueAtPercentile(percentile), Min, Max);
    }
}
