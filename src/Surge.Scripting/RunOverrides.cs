namespace Surge.Scripting;

/// <summary>
/// What the command line sets over a scenario file's options, as in k6: <c>--vus</c> or
/// <c>--duration</c> replace the file's scenarios with one constant-vus scenario; thresholds and
/// goals are added; the rest replaces the file's value when given.
/// </summary>
internal sealed record RunOverrides
{
    public int? Vus { get; init; }

    public TimeSpan? Duration { get; init; }

    public TimeSpan? GracefulStop { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool Insecure { get; init; }

    public string? BaseUrl { get; init; }

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary><c>-e NAME=VALUE</c> flags, over the process's environment.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}
