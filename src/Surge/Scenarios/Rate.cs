using Surge.Metrics;

namespace Surge.Scenarios;

/// <summary>A custom metric that counts how often something was true, e.g. a cache hit ratio.</summary>
/// <param name="name">The metric's name.</param>
public sealed class Rate(string name) : CustomMetric(name, MetricType.Rate, MetricContains.Default)
{
    /// <summary>Adds one observation.</summary>
    public void Add(bool value, IReadOnlyDictionary<string, string>? tags = null) => Record(value ? 1 : 0, tags);
}
