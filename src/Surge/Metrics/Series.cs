namespace Surge.Metrics;

/// <summary>A metric with one set of tag values: the unit that is counted, histogrammed and written.</summary>
internal sealed class Series
{
    internal Series(int id, Metric metric, TagSet tags)
    {
        Id = id;
        Metric = metric;
        Tags = tags;
    }

    /// <summary>Dense index of the series in its registry; slots in per-thread buffers are indexed by it.</summary>
    internal int Id { get; }

    /// <summary>The metric this series belongs to.</summary>
    public Metric Metric { get; }

    /// <summary>The tag values that set this series apart from the metric's other series.</summary>
    public TagSet Tags { get; }

    /// <inheritdoc />
    public override string ToString() => Tags.Count == 0 ? Metric.Name : Metric.Name + Tags;
}
