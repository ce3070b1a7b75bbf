using Surge.Metrics;

namespace Surge.Scenarios;

/// <summary>A custom metric that sums values; the summary shows the total and the rate per second.</summary>
/// <example><code>private readonly Counter _orders = new("orders_placed");  ...  _orders.Add(1);</code></example>
/// <param name="name">The metric's name.</param>
/// <param name="isData">True when the values are bytes (shown as kB, MB).</param>
public sealed class Counter(string name, bool isData = false)
    : CustomMetric(name, MetricType.Counter, isData ? MetricContains.Data : MetricContains.Default)
{
    /// <summary>Adds a value to the count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is infinite or not a number.</exception>
    public void Add(double value, IReadOnlyDictionary<string, string>? tags = null) => Record(value, tags);
}
