namespace Surge.Summary;

/// <summary>How one scenario went.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Executor">Executor name, e.g. <c>constant-vus</c>.</param>
/// <param name="Description">The banner line, e.g. <c>30 looping VUs for 10s</c>.</param>
/// <param name="CompletedIterations">Iterations that ran to their end.</param>
/// <param name="InterruptedIterations">Iterations cut off by a stop or by an exception.</param>
/// <param name="FailedIterations">Iterations that threw an exception.</param>
/// <param name="Errors">The distinct exceptions iterations threw, with counts and script lines.</param>
public sealed record ScenarioSummary(
    string Name,
    string Executor,
    string Description,
    long CompletedIterations,
    long InterruptedIterations,
    long FailedIterations,
    IReadOnlyList<IterationError> Errors);
