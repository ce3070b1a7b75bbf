using Surge.Execution.Executors;
using Surge.Execution.Segments;

namespace Surge.Scripting;

/// <summary>
/// What the command line sets over a scenario's options, as in k6: the executor flags
/// (<c>--vus</c>, <c>--duration</c>, <c>--iterations</c>, <c>--stage</c>, <c>--rate</c>) replace the
/// file's scenarios with one scenario of the matching executor; thresholds and goals are added; the
/// rest replaces the file's value when given. A URL run is a scenario too, so this is every run's one shape.
/// </summary>
internal sealed record RunOverrides
{
    /// <summary>The executor flags, as k6's shortcut options; null fields were not given.</summary>
    public ExecutorShortcuts.Shortcut Executor { get; init; } = new();

    public TimeSpan? Timeout { get; init; }

    public bool Insecure { get; init; }

    public string? BaseUrl { get; init; }

    /// <summary><c>--user-agent</c>: the <c>User-Agent</c> of requests that set none; empty sends none.</summary>
    public string? UserAgent { get; init; }

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary>k6's <c>--no-thresholds</c>: thresholds and goals are read and checked for errors, never evaluated.</summary>
    public bool NoThresholds { get; init; }

    /// <summary>This generator's segment of the test (<c>--execution-segment</c>, <c>--execution-segment-sequence</c>).</summary>
    public ExecutionTuple Segment { get; init; } = ExecutionTuple.Whole;

    /// <summary>The sequence the test is split by, for its id, when this process runs the whole plan as the aggregator; the segment's own when null.</summary>
    public ExecutionSegmentSequence? Sequence { get; init; }

    /// <summary><c>-e NAME=VALUE</c> flags, over the process's environment.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}
