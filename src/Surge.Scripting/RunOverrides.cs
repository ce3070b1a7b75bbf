namespace Surge.Scripting;

/// <summary>
/// What the command line sets over a scenario file's options, as in k6: <c>--vus</c>,
/// <c>--duration</c>, <c>--iterations</c>, <c>--stage</c> or <c>--rate</c> replace the file's
/// scenarios with one scenario of the matching executor; thresholds and goals are added; the rest
/// replaces the file's value when given.
/// </summary>
internal sealed record RunOverrides
{
    public int? Vus { get; init; }

    public TimeSpan? Duration { get; init; }

    public TimeSpan? GracefulStop { get; init; }

    public long? Iterations { get; init; }

    public IReadOnlyList<Execution.Executors.Stage>? Stages { get; init; }

    public double? Rate { get; init; }

    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);

    public int? PreAllocatedVus { get; init; }

    public int? MaxVus { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool Insecure { get; init; }

    public string? BaseUrl { get; init; }

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary><c>-e NAME=VALUE</c> flags, over the process's environment.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}
