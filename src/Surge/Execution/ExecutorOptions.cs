namespace Surge.Execution;

/// <summary>Options every executor has (k6's common scenario options).</summary>
public abstract record ExecutorOptions
{
    /// <summary>When the scenario starts, after the test's start.</summary>
    public TimeSpan StartTime { get; init; }

    /// <summary>How long iterations in progress may run on after the scenario's end (k6 default: 30 s).</summary>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(30);

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

    /// <summary>The longest the scenario can last, graceful stop included.</summary>
    public abstract TimeSpan MaxDuration { get; }

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

        return errors;
    }

    /// <summary>One line for the start banner, e.g. <c>30 looping VUs for 10s</c>.</summary>
    public abstract string Describe();

    internal abstract IExecutor CreateExecutor(ScenarioRun run);
}
