using Surge.Configuration;
using Surge.Execution.Segments;

using Surge.Plan;

namespace Surge.Execution.Executors;

/// <summary>
/// k6's <c>per-vu-iterations</c>: each VU runs exactly <see cref="Iterations"/> iterations. Iterations
/// left when <see cref="MaxDuration"/> runs out count as dropped.
/// </summary>
public sealed record PerVuIterationsOptions : ExecutorOptions
{
    /// <summary>How many VUs run (default 1).</summary>
    public int Vus { get; init; } = 1;

    /// <summary>Iterations each VU runs (default 1).</summary>
    public long Iterations { get; init; } = 1;

    /// <summary>The longest the scenario may run before its graceful stop (default 10 minutes).</summary>
    public TimeSpan MaxDuration { get; init; } = PlanDefaults.MaxDuration;

    /// <inheritdoc />
    public override string ExecutorName => "per-vu-iterations";

    /// <inheritdoc />
    public override int MaxVus => Vus;

    /// <inheritdoc />
    public override TimeSpan PlannedDuration => MaxDuration;

    /// <inheritdoc />
    public override long? PlannedIterations => Iterations * Vus;

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (Vus <= 0)
        {
            errors.Add($"vus must be a positive number, not {Vus}");
        }

        if (Iterations <= 0)
        {
            errors.Add($"iterations must be a positive number, not {Iterations}");
        }

        if (MaxDuration <= TimeSpan.Zero)
        {
            errors.Add("maxDuration must be longer than 0s");
        }

        return errors;
    }

    /// <inheritdoc />
    public override IReadOnlyList<ExecutionStep> Plan() => [new(TimeSpan.Zero, Vus), new(MaxDuration, 0)];

    /// <inheritdoc />
    public override string Describe() =>
        $"{Iterations} iterations for each of {Vus} VUs (maxDuration: {Durations.Format(MaxDuration)}, gracefulStop: {Durations.Format(GracefulStop)})";

    // k6: the VUs are split; each VU still runs all its iterations.
    internal override ExecutorOptions ForSegment(ExecutionTuple segment) => this with { Vus = segment.Scale(Vus), Segment = segment };

    internal override IExecutor CreateExecutor(ScenarioRun run) => IterationsExecutor.PerVu(this, run);
}
