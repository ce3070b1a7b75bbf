namespace Surge.Cli.Commands;

/// <summary>The flags of <c>surge run</c>, parsed but not yet checked. Null means "not given".</summary>
internal sealed record RunSettings
{
    /// <summary>A URL to load, or a scenario file (<c>.cs</c>, <c>.yaml</c>).</summary>
    public string? Target { get; init; }

    public int? Vus { get; init; }

    public TimeSpan? Duration { get; init; }

    public long? Iterations { get; init; }

    public IReadOnlyList<Surge.Execution.Executors.Stage>? Stages { get; init; }

    public double? Rate { get; init; }

    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);

    public int? PreAllocatedVus { get; init; }

    public int? MaxVus { get; init; }

    /// <summary>The executor flags as k6's shortcut options.</summary>
    public Surge.Execution.Executors.ExecutorShortcuts.Shortcut Shortcut => new()
    {
        Vus = Vus,
        Duration = Duration,
        Iterations = Iterations,
        Stages = Stages,
        Rate = Rate,
        TimeUnit = TimeUnit,
        PreAllocatedVus = PreAllocatedVus,
        MaxVus = MaxVus,
        GracefulStop = GracefulStop,
    };

    public string Method { get; init; } = "GET";

    public IReadOnlyList<string> Headers { get; init; } = [];

    public string? Body { get; init; }

    public string? BodyFile { get; init; }

    public TimeSpan? Timeout { get; init; }

    public TimeSpan? GracefulStop { get; init; }

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public IReadOnlyList<string> Goals { get; init; } = [];

    /// <summary>k6's <c>--no-thresholds</c>: thresholds and goals are parsed and checked for errors, never evaluated.</summary>
    public bool NoThresholds { get; init; }

    public bool Insecure { get; init; }

    public string? BaseUrl { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string> Monitors { get; init; } = [];

    public string? MonitorToken { get; init; }

    /// <summary>True when <see cref="Target"/> names a scenario file rather than a URL.</summary>
    public bool IsScript => ScriptKind(Target) is not null;

    /// <summary>"cs" or "yaml" for a scenario file name, else null.</summary>
    public static string? ScriptKind(string? target)
    {
        if (target is null || target.Contains("://", StringComparison.Ordinal))
        {
            return null; // a URL, even one ending in .yaml
        }

        return Path.GetExtension(target).ToLowerInvariant() switch
        {
            ".cs" => "cs",
            ".yaml" or ".yml" => "yaml",
            _ => null,
        };
    }
}
