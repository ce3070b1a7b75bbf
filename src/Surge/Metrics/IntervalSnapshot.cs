namespace Surge.Metrics;

/// <summary>
/// What every series recorded in one interval (normally one second) of a test run. This is the
/// plain data type that flows to the live console, the results file and the threshold checks.
/// </summary>
/// <remarks>
/// The aggregator reuses the aggregates of a snapshot for the next interval: a consumer reads a
/// snapshot during its callback and copies (or <see cref="MetricAggregate.Add"/>s) what it keeps.
/// </remarks>
/// <param name="Time">Wall-clock time at the end of the interval.</param>
/// <param name="Elapsed">Time since the test started, at the end of the interval.</param>
/// <param name="Length">How long the interval was.</param>
/// <param name="Samples">The series that recorded anything in the interval (gauges: every set gauge).</param>
internal sealed record IntervalSnapshot(
    DateTimeOffset Time,
    TimeSpan Elapsed,
    TimeSpan Length,
    IReadOnlyList<SeriesSample> Samples);
