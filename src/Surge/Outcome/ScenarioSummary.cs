namespace Surge.Outcome;

/// <summary>How one scenario went.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Executor">Executor name, e.g. <c>constant-vus</c>.</param>
/// <param name="Description">The banner line, e.g. <c>30 looping VUs for 10s</c>.</param>
/// <param name="CompletedIterations">Iterations that ran to their end.</param>
/// <param name="InterruptedIterations">Iterations cut off by a stop or by an exception.</param>
/// <param name="FailedIterations">Iterations that threw an exception.</param>
/// <param name="Errors">The distinct exceptions iterations threw, with counts and script lines.</param>
internal sealed record ScenarioSummary(
    string Name,
    string Executor,
    string Description,
    long CompletedIterations,
    long InterruptedIterations,
    long FailedIterations,
    IReadOnlyList<IterationError> Errors)
{
    /// <summary>Iterations that were due but not run (no free VU, or maxDuration ran out).</summary>
    public long DroppedIterations { get; init; }

    /// <summary>Iterations the executor planned to start, when it plans a number (arrival rate, iteration counts).</summary>
    public long? ExpectedIterations { get; init; }

    /// <summary>The scenario's planned duration (duration, stages or maxDuration).</summary>
    public TimeSpan PlannedDuration { get; init; }

    /// <summary>How long the scenario actually ran (shorter than planned when the test stopped early).</summary>
    public TimeSpan Ran { get; init; }

    /// <summary>How long its load ran: first iteration's start to last iteration's end, within its planned duration; zero when unknown.</summary>
    public TimeSpan LoadTime { get; init; }

    /// <summary>True for the open model (arrival-rate executors).</summary>
    public bool OpenModel { get; init; }

    /// <summary>Open model: iterations started per second while iterations were being started; 0 otherwise.</summary>
    public double AchievedRate => OpenModel && StartingTime > TimeSpan.Zero
        ? (CompletedIterations + InterruptedIterations) / StartingTime.TotalSeconds
        : 0;

    /// <summary>The time iterations were being started: the planned duration, or less when the test stopped early.</summary>
    public TimeSpan StartingTime => Ran > TimeSpan.Zero && Ran < PlannedDuration ? Ran : PlannedDuration;

    /// <summary>Open model: the configured iterations per second, averaged over the planned duration; 0 otherwise.</summary>
    public double ConfiguredRate => OpenModel && PlannedDuration > TimeSpan.Zero && ExpectedIterations is { } expected
        ? expected / PlannedDuration.TotalSeconds
        : 0;
}
