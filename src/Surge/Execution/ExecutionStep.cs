namespace Surge.Execution;

/// <summary>One step of an executor's plan: from <paramref name="Offset"/> on, <paramref name="Vus"/> VUs are wanted.</summary>
/// <param name="Offset">Time since the scenario's start.</param>
/// <param name="Vus">VUs wanted (for arrival-rate executors: the VUs allocated up front).</param>
public sealed record ExecutionStep(TimeSpan Offset, int Vus);
