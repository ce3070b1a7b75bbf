using Surge.Configuration;
using Surge.Execution.Segments;

using Surge.Plan;

namespace Surge.Execution.Executors;

/// <summary>
/// k6's <c>shared-iterations</c>: a fixed number of iterations shared between VUs; a fast VU runs
/// more of them. Iterations left when <see cref="MaxDuration"/> runs out count as dropped.
/// </summary>
public sealed record SharedIterationsOptions : ExecutorOptions
{
    /// <summary>How many VUs run (default 1).</summary>
    public int Vus { get; init; } = 1;

    /// <summary>Iterations to run across all VUs (default 1).</summary>
    public long Iterations { get; init; } = 1;

    /// <summary>The longest the scenario may run before its graceful stop (default 10 minutes).</summary>
    public TimeSpan MaxDuration { get; init; } = PlanDefaults.MaxDuration;

    /// <inheritdoc />
    public override string ExecutorName => "shared-iterations";

    /// <inheritdoc />
    public override int MaxVus => Vus;

    /// <inheritdoc />
    public override TimeSpan PlannedDuration => MaxDuration;

    /// <inheritdoc />
    public override long? PlannedIterations => Iterations;

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
        else if (Iterations < Vus)
        {
            errors.Add($"iterations ({Iterations}) must be at least vus ({Vus}): each VU runs at least one");
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
        $"{Iterations} iterations shared among {Vus} VUs (maxDuration: {Durations.Format(MaxDuration)}, gracefulStop: {Durations.Format(GracefulStop)})";

    internal override ExecutorOptions ForSegment(ExecutionTuple segment) =>
        this with { Vus = segment.Scale(Vus), Iterations = segment.Scale(Iterations), Segment = segment };

    internal override IExecutor CreateExecutor(ScenarioRun run) => IterationsExecutor.Shared(this, run);
}
