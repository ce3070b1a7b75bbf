using Surge.Scripting;

namespace Surge.Cli.Commands;

/// <summary>
/// The flags of <c>surge run</c>, parsed but not yet checked: what is loaded, the request flags of a URL
/// run, the monitors, and the <see cref="RunOverrides"/> that every kind of run shares.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>A URL to load, or a scenario file (<c>.cs</c>, <c>.yaml</c>); null for the demo target.</summary>
    public string? Target { get; init; }

    /// <summary>What the flags set over the scenario's options.</summary>
    public RunOverrides Overrides { get; init; } = new();

    public string Method { get; init; } = "GET";

    public IReadOnlyList<string> Headers { get; init; } = [];

    public string? Body { get; init; }

    public string? BodyFile { get; init; }

    public IReadOnlyList<string> Monitors { get; init; } = [];

    public string? MonitorToken { get; init; }

    /// <summary>The run's part in a test of several generators; null for a plain run.</summary>
    public Distributed.Distribution? Distribution { get; init; }

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
