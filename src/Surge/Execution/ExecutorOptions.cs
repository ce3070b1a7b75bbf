using Surge.Configuration;
using Surge.Execution.Segments;
using Surge.Plan;

namespace Surge.Execution;

/// <summary>Options every executor has (k6's common scenario options).</summary>
public abstract record ExecutorOptions
{
    /// <summary>When the scenario starts, after the test's start.</summary>
    public TimeSpan StartTime { get; init; }

    /// <summary>How long iterations in progress may run on after the scenario's end (k6 default: 30 s).</summary>
    public TimeSpan GracefulStop { get; init; } = PlanDefaults.GracefulStop;

    /// <summary>
    /// The exec function the scenario's VUs run, by name (k6's <c>exec</c>); null for the default one.
    /// In a C# script, the name of a public method of the test class, e.g. <c>nameof(Browse)</c>.
    /// </summary>
    public string? Exec { get; init; }

    /// <summary>Tags added to every sample of the scenario.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Environment variables the scenario's VUs see in <see cref="Vu.Env"/>, over the process's own.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>The executor's k6 name, e.g. <c>constant-vus</c>.</summary>
    public abstract string ExecutorName { get; }

    /// <summary>The most VUs the executor will run at once.</summary>
    public abstract int MaxVus { get; }

    /// <summary>How long the scenario runs before its graceful stop: its duration, the stages' sum, or maxDuration.</summary>
    public abstract TimeSpan PlannedDuration { get; }

    /// <summary>When the scenario ends at the latest, counted from the test's start: start time, duration and graceful stop.</summary>
    public TimeSpan TotalDuration => StartTime + PlannedDuration + GracefulStop;

    /// <summary>The iterations the scenario runs in all, for executors that count them; null for those that run for a time.</summary>
    public virtual long? PlannedIterations => null;

    /// <summary>True for the open model (arrival-rate executors): iterations start on a clock, whatever the server does.</summary>
    public virtual bool IsOpenModel => false;

    /// <summary>
    /// The plan of VUs over time (k6's execution requirements): each step is an offset from the
    /// scenario's start and the VUs wanted from then on, ending with 0 at the end of the scenario.
    /// </summary>
    public abstract IReadOnlyList<ExecutionStep> Plan();

    /// <summary>Every problem with the options, all at once (empty when they are valid).</summary>
    public virtual IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (StartTime < TimeSpan.Zero)
        {
            errors.Add("startTime must not be negative");
        }

        if (GracefulStop < TimeSpan.Zero)
        {
            errors.Add("gracefulStop must not be negative");
        }

        // Each part is checked before the sum, which would overflow on TimeSpan.MaxValue.
        if (StartTime > Durations.Longest || PlannedDuration > Durations.Longest || GracefulStop > Durations.Longest || TotalDuration > Durations.Longest)
        {
            errors.Add($"startTime, the duration and gracefulStop together must be at most {Durations.Longest.TotalHours:0}h (about 41 days)");
        }

        return errors;
    }

    /// <summary>This generator's share of the scenario: the whole of it unless the test is split among generators.</summary>
    internal ExecutionTuple Segment { get; init; } = ExecutionTuple.Whole;

    /// <summary>
    /// The options of this generator's share (k6's execution segments): counts of VUs and iterations
    /// scaled so that the shares of all segments add up to the whole exactly.
    /// </summary>
    internal virtual ExecutorOptions ForSegment(ExecutionTuple segment) => this with { Segment = segment };

    /// <summary>One line for the start banner, e.g. <c>30 looping VUs for 10s</c>.</summary>
    public abstract string Describe();

    internal abstract IExecutor CreateExecutor(ScenarioRun run);
}
