using Surge.Configuration;

namespace Surge.Execution.Executors;

/// <summary>
/// k6's <c>ramping-arrival-rate</c>: the start rate of iterations follows <see cref="Stages"/>, moving
/// linearly from <see cref="StartRate"/> to each stage's target per time unit; the open model of a ramp.
/// </summary>
public sealed record RampingArrivalRateOptions : ArrivalRateOptions
{
    /// <summary>Iterations per time unit at the start (default 0).</summary>
    public double StartRate { get; init; }

    /// <summary>The stages, in order (required): each moves to its target rate over its duration.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <inheritdoc />
    public override string ExecutorName => "ramping-arrival-rate";

    /// <inheritdoc />
    public override TimeSpan PlannedDuration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (StartRate < 0)
        {
            errors.Add($"startRate must not be negative, not {StartRate}");
        }

        errors.AddRange(StageRules.Validate(Stages, "rate"));
        if (errors.Count == 0 && StartRate == 0 && Stages.All(s => s.Target == 0))
        {
            errors.Add("startRate and every stage target are 0: the scenario would start no iteration");
        }

        return errors;
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"from {RateText(StartRate)} up to {RateText(Stages.Count == 0 ? 0 : Math.Max(StartRate, Stages.Max(s => s.Target)))} iterations " +
        $"over {Stages.Count} stages for {Durations.Format(PlannedDuration)}, {PoolText()} (gracefulStop: {Durations.Format(GracefulStop)})";

    internal override ArrivalSchedule Schedule() => new(StartRate, Stages, TimeUnit, constantRate: false, Segment);

    internal override IExecutor CreateExecutor(ScenarioRun run) => new ArrivalRateExecutor(this, run);
}
