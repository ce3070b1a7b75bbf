using System.Globalization;
using Surge.Outcome;

namespace Surge.Execution.Watch;

/// <summary>
/// Decides from per-second <see cref="GeneratorSample"/>s whether the load generator is limiting the results,
/// and keeps the run's totals for <see cref="GeneratorHealth"/>.
/// </summary>
/// <remarks>
/// A sample is saturated when its timers lagged more than <see cref="LagLimit"/> or its CPU reached
/// <see cref="CpuLimit"/>. Saturated samples in a row that add up to more than <see cref="Grace"/> make the
/// generator limiting until the next healthy sample; such a stretch counts whole in <see cref="LimitedFor"/>.
/// </remarks>
internal sealed class SaturationTracker
{
    /// <summary>
    /// CPU fraction of all cores at which a second is saturated. Near full load the wait for a core grows
    /// steeply (queueing: wait grows as load / (1 - load)), so VU threads start to wait for the CPU and that
    /// wait lands in the measured latencies; 10 % is left for the GC and the OS.
    /// </summary>
    public const double CpuLimit = 0.90;

    /// <summary>
    /// Timer lag above which a second is saturated: a tick late by more than a whole 100 ms period means
    /// work queued on the thread pool (VU continuations, sends due at an intended time) waited as long.
    /// </summary>
    public static readonly TimeSpan LagLimit = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long saturation must last before it counts: JIT at start-up, a gen-2 GC or the burst of a ramp
    /// saturate a second or two without the generator setting the pace of the test.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private TimeSpan _run;
    private TimeSpan _runMaxLag;
    private bool _runCpuBound;
    private bool _runLagged;
    private TimeSpan _limitedMaxLag;
    private bool _limitedByCpu;
    private bool _limitedByLag;
    private TimeSpan _observed;
    private double _cpuSeconds;

    /// <summary>True while the current saturated stretch has lasted more than <see cref="Grace"/>.</summary>
    public bool IsLimiting { get; private set; }

    /// <summary>Total length of the saturated stretches that lasted more than <see cref="Grace"/>, each counted whole.</summary>
    public TimeSpan LimitedFor { get; private set; }

    /// <summary>The largest timer lag of any sample.</summary>
    public TimeSpan MaxLag { get; private set; }

    /// <summary>The largest CPU fraction of any sample.</summary>
    public double PeakCpu { get; private set; }

    /// <summary>CPU fraction over all samples, weighted by the time each covers.</summary>
    public double MeanCpu => _observed > TimeSpan.Zero ? _cpuSeconds / _observed.TotalSeconds : 0;

    /// <summary>The summary line when the generator limited the results; null when it never did.</summary>
    public string? Verdict => LimitedFor > TimeSpan.Zero
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"results are limited by the load generator, not the server: its {Cause()} for {LimitedFor.TotalSeconds:0.#} s; use fewer VUs per generator, a bigger machine, or `--quiet`")
        : null;

    /// <summary>The saturation rule for one sample.</summary>
    public static bool IsSaturated(TimeSpan maxLag, double cpuFraction) => maxLag > LagLimit || cpuFraction >= CpuLimit;

    /// <summary>Takes the next sample into account.</summary>
    public void Add(GeneratorSample sample)
    {
        _observed += sample.Elapsed;
        _cpuSeconds += sample.CpuFraction * sample.Elapsed.TotalSeconds;
        MaxLag = sample.MaxLag > MaxLag ? sample.MaxLag : MaxLag;
        PeakCpu = Math.Max(PeakCpu, sample.CpuFraction);
        if (!sample.Saturated)
        {
            (_run, _runMaxLag, _runCpuBound, _runLagged, IsLimiting) = (TimeSpan.Zero, TimeSpan.Zero, false, false, false);
            return;
        }

        _run += sample.Elapsed;
        _runMaxLag = sample.MaxLag > _runMaxLag ? sample.MaxLag : _runMaxLag;
        _runCpuBound |= sample.CpuFraction >= CpuLimit;
        _runLagged |= sample.MaxLag > LagLimit;
        if (!IsLimiting && _run <= Grace)
        {
            return;
        }

        // The grace only delays the verdict: the stretch's first seconds were just as saturated, so they count too.
        LimitedFor += IsLimiting ? sample.Elapsed : _run;
        IsLimiting = true;
        _limitedByCpu |= _runCpuBound;
        _limitedByLag |= _runLagged;
        _limitedMaxLag = _runMaxLag > _limitedMaxLag ? _runMaxLag : _limitedMaxLag;
    }

    private string Cause()
    {
        var cpu = string.Create(CultureInfo.InvariantCulture, $"CPU was ≥ {CpuLimit * 100:0} %");
        var lag = string.Create(CultureInfo.InvariantCulture, $"timers lagged up to {_limitedMaxLag.TotalMilliseconds:0} ms");
        return (_limitedByCpu, _limitedByLag) switch
        {
            (true, true) => $"{cpu} and its {lag}",
            (true, false) => cpu,
            _ => lag,
        };
    }
}
