using Surge.Configuration;

using Surge.Plan;

namespace Surge.Execution.Executors;

/// <summary>
/// k6's shortcuts from a few top-level options (or flags) to one executor: <c>vus + duration</c> →
/// constant-vus, <c>vus + iterations</c> → shared-iterations, <c>stages</c> → ramping-vus; and
/// Surge's <c>rate + duration</c> → constant-arrival-rate with its VU pool sized automatically.
/// </summary>
internal static class ExecutorShortcuts
{
    // Auto-sized pool: enough VUs up front for iterations of up to 100 ms, and room to grow for
    // iterations of up to 2 s; beyond that iterations are dropped, and the warning says to raise maxVUs.
    private static readonly TimeSpan PreAllocatedFor = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxVusFor = TimeSpan.FromSeconds(2);

    /// <summary>The executor the shortcut options describe, or null when none is given.</summary>
    /// <param name="shortcut">The shortcut options.</param>
    /// <param name="note">A line for the banner when Surge chose something for the user (the VU pool).</param>
    /// <exception cref="ConfigException">The options contradict each other, e.g. a rate with stages.</exception>
    public static ExecutorOptions? Resolve(Shortcut shortcut, out string? note)
    {
        ArgumentNullException.ThrowIfNull(shortcut);
        note = null;
        var stop = shortcut.GracefulStop ?? PlanDefaults.GracefulStop;
        if (shortcut.Rate is { } rate)
        {
            if (shortcut.Stages is not null || shortcut.Iterations is not null)
            {
                throw new ConfigException("a rate runs for a duration: give --rate with --duration, not with --stage or --iterations");
            }

            if (shortcut.Vus is not null)
            {
                // Silently ignoring --vus would leave the user believing it capped or sized the pool.
                throw new ConfigException("--rate starts iterations whatever the VUs, from a pool: size it with --pre-allocated-vus and --max-vus, not --vus");
            }

            var duration = shortcut.Duration ?? throw new ConfigException("--rate needs --duration, e.g. --rate 2000 --duration 1m");
            var perSecond = rate / shortcut.TimeUnit.TotalSeconds;
            var pre = shortcut.PreAllocatedVus
                ?? Math.Min((int)Math.Clamp(Math.Ceiling(perSecond * PreAllocatedFor.TotalSeconds), 1, 100_000), shortcut.MaxVus ?? int.MaxValue);
            var max = shortcut.MaxVus ?? Math.Max(pre, (int)Math.Clamp(Math.Ceiling(perSecond * MaxVusFor.TotalSeconds), 1, 100_000));
            if (shortcut.PreAllocatedVus is null || shortcut.MaxVus is null)
            {
                note = $"VU pool sized for the rate: {pre} pre-allocated VUs (iterations up to {Durations.Format(PreAllocatedFor)}), " +
                    $"up to {max} (up to {Durations.Format(MaxVusFor)}); set --pre-allocated-vus and --max-vus to choose";
            }

            return new ConstantArrivalRateOptions
            {
                Rate = rate, TimeUnit = shortcut.TimeUnit, Duration = duration, PreAllocatedVus = pre, MaxVusAllowed = max, GracefulStop = stop,
            };
        }

        if (shortcut.PreAllocatedVus is not null || shortcut.MaxVus is not null)
        {
            throw new ConfigException("--pre-allocated-vus and --max-vus size the VU pool of --rate; give --rate too");
        }

        if (shortcut.Stages is { } stages)
        {
            if (shortcut.Duration is not null || shortcut.Iterations is not null)
            {
                throw new ConfigException("stages set the duration: give --stage without --duration or --iterations");
            }

            return new RampingVusOptions { Stages = stages, StartVus = shortcut.Vus ?? 1, GracefulStop = stop };
        }

        if (shortcut.Iterations is { } iterations)
        {
            return new SharedIterationsOptions
            {
                Vus = shortcut.Vus ?? 1,
                Iterations = iterations,
                MaxDuration = shortcut.Duration ?? PlanDefaults.MaxDuration,
                GracefulStop = stop,
            };
        }

        if (shortcut.Duration is { } time)
        {
            return new ConstantVusOptions { Vus = shortcut.Vus ?? 1, Duration = time, GracefulStop = stop };
        }

        return null;
    }

    /// <summary>The shortcut options; null means not given.</summary>
    public sealed record Shortcut
    {
        /// <summary>VUs (k6's <c>vus</c>; startVUs with stages).</summary>
        public int? Vus { get; init; }

        /// <summary>Duration (k6's <c>duration</c>; maxDuration with iterations).</summary>
        public TimeSpan? Duration { get; init; }

        /// <summary>Iterations shared by the VUs (k6's <c>iterations</c>).</summary>
        public long? Iterations { get; init; }

        /// <summary>Stages of a ramping-vus scenario (k6's <c>stages</c>).</summary>
        public IReadOnlyList<Stage>? Stages { get; init; }

        /// <summary>Iterations to start per time unit: a constant-arrival-rate scenario.</summary>
        public double? Rate { get; init; }

        /// <summary>The rate's time unit (default 1 s).</summary>
        public TimeSpan TimeUnit { get; init; } = PlanDefaults.TimeUnit;

        /// <summary>VUs made up front for the rate (sized automatically when null).</summary>
        public int? PreAllocatedVus { get; init; }

        /// <summary>The most VUs for the rate (sized automatically when null).</summary>
        public int? MaxVus { get; init; }

        /// <summary>The scenario's graceful stop (30 s when null).</summary>
        public TimeSpan? GracefulStop { get; init; }

        /// <summary>True when any option that picks an executor is given (not only VUs).</summary>
        public bool PicksExecutor => Duration is not null || Iterations is not null || Stages is not null || Rate is not null;
    }
}
