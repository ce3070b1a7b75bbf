using Surge.Metrics;

namespace Surge.Scenarios;

/// <summary>A custom metric that keeps the latest value, with its min and max.</summary>
/// <param name="name">The metric's name.</param>
/// <param name="isTime">True when the values are milliseconds.</param>
public sealed class Gauge(string name, bool isTime = false)
    : CustomMetric(name, MetricType.Gauge, isTime ? MetricContains.Time : MetricContains.Default)
{
    /// <summary>Sets the gauge to a value (k6's <c>add</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is infinite or not a number.</exception>
    public void Add(double value, IReadOnlyDictionary<string, string>? tags = null) => Record(value, tags);
}
