namespace Surge.Outcome;

/// <summary>
/// How the load generator (Surge itself) coped during the run: whether the results describe the
/// server or the machine that produced the load.
/// </summary>
/// <param name="MaxLag">The most a 100 ms watch tick fired late; a busy thread pool or a saturated core shows here.</param>
/// <param name="PeakCpu">The busiest second's process CPU, as a fraction of all cores (1.0 = every core busy).</param>
/// <param name="MeanCpu">Process CPU over the whole run, as a fraction of all cores.</param>
/// <param name="LimitedFor">
/// Total time the generator limited the results: saturated stretches that lasted more than 3 s, counted whole.
/// </param>
/// <param name="Verdict">One line for the summary saying the generator was the bottleneck and why; null when it never was.</param>
internal sealed record GeneratorHealth(
    TimeSpan MaxLag,
    double PeakCpu,
    double MeanCpu,
    TimeSpan LimitedFor,
    string? Verdict)
{
    /// <summary>The generator's garbage collections during the run.</summary>
    public GcCounts Gc { get; init; }
}
