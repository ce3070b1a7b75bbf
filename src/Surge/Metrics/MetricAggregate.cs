using HdrHistogram;

namespace Surge.Metrics;

/// <summary>
/// The values of one metric (or series) over some span: an interval, a whole run, or a sub-metric
/// merged from several series. Aggregates add up exactly, histograms included.
/// </summary>
/// <remarks>
/// Trend values are kept in micro-units (a time trend in microseconds) as HDR histograms with
/// 3 significant digits, plus the exact count, sum, min and max; percentiles come from the histogram.
/// </remarks>
public sealed class MetricAggregate
{
    /// <summary>Largest trend value kept: one hour in microseconds; larger values are clamped to it.</summary>
    public const long HighestTrackableMicros = 3_600_000_000;

    private const int SignificantDigits = 3;

    internal MetricAggregate(MetricType type, bool compactHistogram = false)
    {
        Type = type;
        if (type == MetricType.Trend)
        {
            // Per-thread buffers use 32-bit counts (half the memory); a bucket cannot overflow within one second.
            Histogram = compactHistogram
                ? new IntHistogram(HighestTrackableMicros, SignificantDigits)
                : new LongHistogram(HighestTrackableMicros, SignificantDigits);
        }

        Reset();
    }

    /// <summary>An empty aggregate of the given type, ready to <see cref="Add(MetricAggregate)"/> into.</summary>
    public static MetricAggregate Create(MetricType type) => new(type);

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

    /// <summary>Trend: the distribution of values in micro-units; null for other types.</summary>
    public HistogramBase? Histogram { get; }

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
        var clamped = Math.Clamp(micros, 0, HighestTrackableMicros);
        Histogram!.RecordValue(clamped);
        Count++;
        Sum += clamped;
        if (clamped < Min)
        {
            Min = clamped;
        }

        if (clamped > Max)
        {
            Max = clamped;
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

        Count += other.Count;
        Sum += other.Sum;
        Trues += other.Trues;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Value = other.Value;
        if (Histogram is not null)
        {
            Histogram.Add(other.Histogram!);
        }
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
