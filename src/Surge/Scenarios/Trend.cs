using Surge.Metrics;

namespace Surge.Scenarios;

/// <summary>
/// A custom metric whose distribution is kept (HDR histogram, 3 significant digits): avg, min, med,
/// max and percentiles in the summary. Values must not be negative.
/// </summary>
/// <remarks>
/// Values are kept to a thousandth of the unit (a microsecond for a time trend): a value of
/// 0.0005 or less counts as 0. Percentiles reach up to 3,600,000 for a time trend (one hour in milliseconds)
/// and 10^12 for any other (bytes, counts, cents); a larger value counts at that limit in percentiles,
/// while count, avg, min and max stay exact. Surge warns once per trend when a value is out of range.
/// </remarks>
/// <param name="name">The metric's name.</param>
/// <param name="isTime">True when the values are milliseconds.</param>
public sealed class Trend(string name, bool isTime = false)
    : CustomMetric(name, MetricType.Trend, isTime ? MetricContains.Time : MetricContains.Default)
{
    /// <summary>Adds a value (milliseconds for a time trend).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, infinite or not a number.</exception>
    public void Add(double value, IReadOnlyDictionary<string, string>? tags = null)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Trend '{Name}' takes finite values from 0 up.");
        }

        Record(value, tags);
    }

    /// <summary>Adds a duration, in milliseconds.</summary>
    public void Add(TimeSpan duration, IReadOnlyDictionary<string, string>? tags = null) => Add(duration.TotalMilliseconds, tags);
}
