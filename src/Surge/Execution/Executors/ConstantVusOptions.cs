using Surge.Configuration;
using Surge.Execution.Segments;

namespace Surge.Execution.Executors;

/// <summary>
/// k6's <c>constant-vus</c>: a fixed number of VUs run iterations back to back for a duration (closed model).
/// </summary>
public sealed record ConstantVusOptions : ExecutorOptions
{
    /// <summary>How many VUs run (default 1).</summary>
    public int Vus { get; init; } = 1;

    /// <summary>How long the scenario runs, graceful stop not included (required).</summary>
    public TimeSpan Duration { get; init; }

    /// <inheritdoc />
    public override string ExecutorName => "constant-vus";

    /// <inheritdoc />
    public override int MaxVus => Vus;

    /// <inheritdoc />
    public override TimeSpan PlannedDuration => Duration;

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(base.Validate());
        if (Vus <= 0)
        {
            errors.Add($"vus must be a positive number, not {Vus}");
        }

        if (Duration <= TimeSpan.Zero)
        {
            errors.Add("duration must be longer than 0s");
        }

        return errors;
    }

    /// <inheritdoc />
    public override IReadOnlyList<ExecutionStep> Plan() => [new(TimeSpan.Zero, Vus), new(Duration, 0)];

    /// <inheritdoc />
    public override string Describe() =>
        $"{Vus} looping VUs for {Durations.Format(Duration)} (gracefulStop: {Durations.Format(GracefulStop)})";

    internal override ExecutorOptions ForSegment(ExecutionTuple segment) => this with { Vus = segment.Scale(Vus), Segment = segment };

    internal override IExecutor CreateExecutor(ScenarioRun run) => new ConstantVusExecutor(this, run);
}
