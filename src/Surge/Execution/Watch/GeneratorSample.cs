namespace Surge.Execution.Watch;

/// <summary>What the <see cref="GeneratorWatch"/> saw over one second (or whatever time passed since the last sample).</summary>
/// <param name="Elapsed">Wall time the sample covers.</param>
/// <param name="MaxLag">The most a watch tick was late in that time.</param>
/// <param name="CpuFraction">Process CPU over that time as a fraction of all cores (1.0 = every core busy).</param>
internal readonly record struct GeneratorSample(TimeSpan Elapsed, TimeSpan MaxLag, double CpuFraction)
{
    /// <summary>True when the generator, not the server, may have set the pace in this sample.</summary>
    public bool Saturated => SaturationTracker.IsSaturated(MaxLag, CpuFraction);
}
