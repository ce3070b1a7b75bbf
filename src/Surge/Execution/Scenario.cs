namespace Surge.Execution;

/// <summary>A named workload: what each iteration does and how the executor schedules VUs.</summary>
/// <param name="Name">Scenario name; tags every sample as <c>scenario</c>.</param>
/// <param name="Executor">The executor and its options.</param>
/// <param name="Exec">The iteration code.</param>
internal sealed record Scenario(string Name, ExecutorOptions Executor, IterationFunc Exec)
{
    /// <summary>Extra tags for every sample of this scenario.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
