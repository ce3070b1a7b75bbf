namespace Surge.Metrics;

/// <summary>A named metric (k6 vocabulary: <c>http_req_duration</c>, <c>iterations</c>, ...).</summary>
internal sealed class Metric
{
    internal Metric(int id, string name, MetricType type, MetricContains contains)
    {
        Id = id;
        Name = name;
        Type = type;
        Contains = contains;
    }

    internal int Id { get; }

    /// <summary>The metric's name, as used in thresholds and outputs.</summary>
    public string Name { get; }

    /// <summary>Counter, gauge, rate or trend.</summary>
    public MetricType Type { get; }

    /// <summary>Whether values are plain numbers, times (ms) or bytes.</summary>
    public MetricContains Contains { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
