using Surge.Configuration;

namespace Surge.Execution.Executors;

/// <summary>
/// k6's <c>constant-arrival-rate</c>: <see cref="Rate"/> iterations start every <see cref="ArrivalRateOptions.TimeUnit"/>,
/// evenly spaced, for <see cref="Duration"/> ("can we take 2000 TPS?"). An iteration that finds no
/// free VU, with the pool at its maximum, is not run and counts in <c>dropped_iterations</c>.
/// </summary>
public sealed record ConstantArrivalRateOptions : ArrivalRateOptions
{
    /// <summary>Iterations to start per time unit (required).</summary>
    public double Rate { get; init; }

    /// <summary>How long iterations keep starting (required).</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc />
    public override string ExecutorName => "constant-arrival-rate";

    /// <inheritdoc />
    public override TimeSpan PlannedDuration => Duration;

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (!(Rate > 0))
        {
            errors.Add($"rate must be a positive number, not {Rate}");
        }

        if (Duration <= TimeSpan.Zero)
        {
            errors.Add("duration must be longer than 0s");
        }

        return errors;
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"{RateText(Rate)} iterations for {Durations.Format(Duration)}, {PoolText()} (gracefulStop: {Durations.Format(GracefulStop)})";

    internal override ArrivalSchedule Schedule() => new(Rate, [new Stage(Duration, 0)], TimeUnit, constantRate: true, Segment);

    internal override IExecutor CreateExecutor(ScenarioRun run) => new ArrivalRateExecutor(this, run);
}
