namespace Surge.Metrics;

/// <summary>What a metric's values are, which decides how they are printed (k6's <c>contains</c>).</summary>
public enum MetricContains
{
    /// <summary>Plain numbers.</summary>
    Default,

    /// <summary>Durations in milliseconds.</summary>
    Time,

    /// <summary>Byte counts.</summary>
    Data,
}
