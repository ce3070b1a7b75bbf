using Surge.Monitoring;

namespace Surge.Timeline;

/// <summary>One second of a run: what every series recorded, what every monitor sampled, and what happened.</summary>
/// <param name="Time">Wall-clock time at the end of the second.</param>
/// <param name="Elapsed">Time since the test started, at the end of the second.</param>
/// <param name="Length">How long the second was (the last one of a run is usually shorter).</param>
/// <param name="Series">Every series that recorded anything in the second (gauges: every set gauge).</param>
/// <param name="Resources">The monitors' samples taken with the second; none when nothing is monitored.</param>
/// <param name="Events">What happened since the previous second, in order.</param>
internal sealed record TimelineSecond(
    DateTimeOffset Time,
    TimeSpan Elapsed,
    TimeSpan Length,
    IReadOnlyList<SeriesSecond> Series,
    IReadOnlyList<ResourceSample> Resources,
    IReadOnlyList<TestEvent> Events)
{
    /// <summary>The seconds' series of one metric.</summary>
    /// <summary>The load generator's own CPU in this second, % of all its machine's cores; null when not measured (older results files).</summary>
    public double? GeneratorCpuPercent { get; init; }

    public IEnumerable<SeriesSecond> Of(string metric) => Series.Where(s => s.Series.Metric.Name == metric);

    /// <summary>A counter's total over its series in this second (0 when it counted nothing).</summary>
    public double Sum(string metric) => Of(metric).Sum(s => s.Sum);
}
