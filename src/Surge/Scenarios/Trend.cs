using Surge.Metrics;

namespace Surge.Scenarios;

/// <summary>
/// A custom metric whose distribution is kept (HDR histogram, 3 significant digits): avg, min, med,
/// max and percentiles in the summary. Values must not be negative.
/// </summary>
/// <param name="name">The metric's name.</param>
/// <param name="isTime">True when the values are milliseconds.</param>
public sealed class Trend(string name, bool isTime = false)
    : CustomMetric(name, MetricType.Trend, isTime ? MetricContains.Time : MetricContains.Default)
{
    /// <summary>Adds a value (milliseconds for a time trend).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not a number.</exception>
    public void Add(double value, IReadOnlyDictionary<string, string>? tags = null)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Trend '{Name}' takes values from 0 up.");
        }

        Record(value, tags);
    }

    /// <summary>Adds a duration, in milliseconds.</summary>
    public void Add(TimeSpan duration, IReadOnlyDictionary<string, string>? tags = null) => Add(duration.TotalMilliseconds, tags);
}
