using Surge.Configuration;

using Surge.Plan;

namespace Surge.Execution.Executors;

/// <summary>
/// k6's <c>ramping-vus</c>: the number of VUs follows <see cref="Stages"/>, moving linearly from one
/// target to the next ("10,000 users rush in at 8 pm"). A VU taken away by a ramp-down finishes its
/// iteration within <see cref="GracefulRampDown"/>, then it is interrupted.
/// </summary>
public sealed record RampingVusOptions : ExecutorOptions
{
    /// <summary>VUs at the start (default 1).</summary>
    public int StartVus { get; init; } = 1;

    /// <summary>The stages, in order (required): each moves to its target VUs over its duration.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <summary>How long a VU removed by a ramp-down may finish its iteration (default 30 s).</summary>
    public TimeSpan GracefulRampDown { get; init; } = PlanDefaults.GracefulRampDown;

    /// <inheritdoc />
    public override string ExecutorName => "ramping-vus";

    /// <inheritdoc />
    public override int MaxVus => Segment.Scale(Math.Max(StartVus, Stages.Count == 0 ? 0 : Stages.Max(s => s.Target)));

    /// <inheritdoc />
    public override TimeSpan PlannedDuration => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (StartVus < 0)
        {
            errors.Add($"startVUs must not be negative, not {StartVus}");
        }

        errors.AddRange(StageRules.Validate(Stages, "VUs"));
        if (GracefulRampDown < TimeSpan.Zero)
        {
            errors.Add("gracefulRampDown must not be negative");
        }

        if (errors.Count == 0 && MaxVus == 0)
        {
            errors.Add("startVUs and every stage target are 0: the scenario would run no VU");
        }

        return errors;
    }

    /// <summary>
    /// Every change of the VU count: the moment the ramp line reaches the next whole VU. A segment's
    /// VU starts and stops when the whole test's VU of the same number would, so at every moment the
    /// segments' counts add up to the whole test's.
    /// </summary>
    public override IReadOnlyList<ExecutionStep> Plan()
    {
        var steps = new List<ExecutionStep> { new(TimeSpan.Zero, StartVus) };
        var at = TimeSpan.Zero;
        var from = StartVus;
        foreach (var stage in Stages)
        {
            var to = stage.Target;
            var direction = Math.Sign(to - from);
            for (var count = from + direction; direction != 0 && count != to + direction; count += direction)
            {
                // Up: VU k starts when the line reaches k. Down: VU k+1 stops when the line falls to k.
                var fraction = (double)Math.Abs(count - from) / Math.Abs(to - from);
                steps.Add(new ExecutionStep(at + (stage.Duration * fraction), count));
            }

            at += stage.Duration;
            from = to;
        }

        steps.Add(new ExecutionStep(at, 0));
        return StageRules.Compact(Segment.IsWhole ? steps : [.. steps.Select(s => s with { Vus = Segment.Scale(s.Vus) })], at);
    }

    /// <inheritdoc />
    public override string Describe() =>
        $"up to {MaxVus} looping VUs for {Durations.Format(PlannedDuration)} over {Stages.Count} stages " +
        $"(gracefulRampDown: {Durations.Format(GracefulRampDown)}, gracefulStop: {Durations.Format(GracefulStop)})";

    internal override IExecutor CreateExecutor(ScenarioRun run) => new RampingVusExecutor(this, run);
}
