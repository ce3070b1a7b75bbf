using Surge.Configuration;
using Surge.Execution.Segments;
using Surge.Plan;

namespace Surge.Execution.Executors;

/// <summary>
/// What the two arrival-rate executors share (k6's open model): iterations start on a clock, whatever
/// the server does; VUs come from a pool of <see cref="PreAllocatedVus"/>, grown up to <see cref="MaxVusAllowed"/>.
/// </summary>
public abstract record ArrivalRateOptions : ExecutorOptions
{
    /// <summary>The period the rates are counted in (default 1 s): <c>rate: 30, timeUnit: 1m</c> is 30 iterations a minute.</summary>
    public TimeSpan TimeUnit { get; init; } = PlanDefaults.TimeUnit;

    /// <summary>VUs made before the start (required).</summary>
    public int PreAllocatedVus { get; init; }

    /// <summary>The most VUs the pool may grow to when iterations find none free; <see cref="PreAllocatedVus"/> when 0.</summary>
    public int MaxVusAllowed { get; init; }

    /// <inheritdoc />
    public override int MaxVus => Math.Max(MaxVusAllowed, PreAllocatedVus);

    /// <inheritdoc />
    public override bool IsOpenModel => true;

    /// <summary>The iteration start times, as offsets from the scenario's start, in order.</summary>
    internal abstract ArrivalSchedule Schedule();

    /// <inheritdoc />
    public override IReadOnlyList<ExecutionStep> Plan() => [new(TimeSpan.Zero, PreAllocatedVus), new(PlannedDuration, 0)];

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (TimeUnit <= TimeSpan.Zero)
        {
            errors.Add("timeUnit must be longer than 0s");
        }

        if (PreAllocatedVus <= 0)
        {
            errors.Add($"preAllocatedVUs must be a positive number, not {PreAllocatedVus} (about rate × iteration time, plus a margin)");
        }

        if (MaxVusAllowed != 0 && MaxVusAllowed < PreAllocatedVus)
        {
            errors.Add($"maxVUs ({MaxVusAllowed}) must not be below preAllocatedVUs ({PreAllocatedVus})");
        }

        return errors;
    }

    /// <summary>The pool is split as k6 splits it; the iterations are dealt out by <see cref="ArrivalSchedule"/>.</summary>
    internal override ExecutorOptions ForSegment(ExecutionTuple segment) => this with
    {
        PreAllocatedVus = segment.Scale(PreAllocatedVus),
        MaxVusAllowed = segment.Scale(MaxVusAllowed),
        Segment = segment,
    };

    /// <summary>The VU pool, for the banner.</summary>
    protected string PoolText() =>
        MaxVus > PreAllocatedVus ? $"{PreAllocatedVus} pre-allocated VUs, up to {MaxVus}" : $"{PreAllocatedVus} pre-allocated VUs";

    /// <summary>A rate per time unit, for the banner: <c>2000/s</c>, <c>30/1m0s</c>.</summary>
    protected string RateText(double rate) =>
        TimeUnit == TimeSpan.FromSeconds(1) ? $"{rate:0.##}/s" : $"{rate:0.##}/{Durations.Format(TimeUnit)}";
}
