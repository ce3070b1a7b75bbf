using Surge.Execution;
using Surge.Scenarios;

namespace Surge.Scripting;

/// <summary>
/// A scenario, loaded: its options and the code its VUs run. C# scripts, YAML files and
/// <c>surge run --url</c> (one request per iteration) all load into this; <see cref="PlanBuilder"/>
/// turns it and the command line into a test plan.
/// </summary>
internal sealed class LoadedScript
{
    /// <summary>The file as given on the command line (a URL run: the request).</summary>
    public required string Path { get; init; }

    /// <summary>What the plan says it tests, when not the file and its base URL (a URL run: the request).</summary>
    public string? Target { get; init; }

    /// <summary>
    /// How long to run when neither the flags nor the options pick an executor (a URL run: 10 s);
    /// null for k6's smoke test of one iteration on one VU.
    /// </summary>
    public TimeSpan? DefaultDuration { get; init; }

    /// <summary>True when no iteration reads a response's headers, so they are not kept (a URL run).</summary>
    public bool DiscardResponseHeaders { get; init; }

    /// <summary>The options the file declares.</summary>
    public required TestOptions Options { get; init; }

    /// <summary>
    /// The exec function of a name (null: the default one).
    /// Throws <see cref="ScriptException"/> when the file has no such function.
    /// </summary>
    public required Func<string?, IterationFunc> ResolveExec { get; init; }

    /// <summary>Runs once before the scenarios, if the file has a setup.</summary>
    public IterationFunc? Setup { get; init; }

    /// <summary>Runs once after the scenarios, if the file has a teardown.</summary>
    public IterationFunc? Teardown { get; init; }

    /// <summary>The file's own metrics.</summary>
    public IReadOnlyList<CustomMetric> CustomMetrics { get; init; } = [];

    /// <summary>How loading went, for the console (compile time, cache hit), if worth saying.</summary>
    public string? LoadNote { get; init; }

    /// <summary>Things that are probably mistakes but do not stop the run (unknown YAML keys, blocking calls in C#), each one line.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
