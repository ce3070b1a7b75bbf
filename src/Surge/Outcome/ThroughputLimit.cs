namespace Surge.Outcome;

/// <summary>Where TPS stopped following the load: the knee.</summary>
/// <param name="OpenModel">True when the load is an arrival rate (iterations per second), false for VUs.</param>
/// <param name="At">The second of the knee, since the test started.</param>
/// <param name="LoadAtKnee">VUs, or the offered iterations per second, at the knee.</param>
/// <param name="LoadPeak">The most VUs or offered iterations per second after it.</param>
/// <param name="TpsAtKnee">TPS in the seconds around the knee.</param>
/// <param name="TpsAfter">Mean TPS from the knee on.</param>
/// <param name="P95AtKneeMs">p95 latency around the knee.</param>
/// <param name="P95EndMs">p95 latency of the last seconds.</param>
internal sealed record ThroughputLimit(
    bool OpenModel,
    TimeSpan At,
    double LoadAtKnee,
    double LoadPeak,
    double TpsAtKnee,
    double TpsAfter,
    double P95AtKneeMs,
    double P95EndMs)
{
    /// <summary>Open model: the configured iterations per second the run fell short of (0 when not judged by it).</summary>
    public double TargetRate { get; init; }

    /// <summary>Open model: the iterations per second achieved.</summary>
    public double AchievedRate { get; init; }

    /// <summary>Open model: iterations dropped for want of a free VU.</summary>
    public long Dropped { get; init; }
}
