using Surge.Execution.Executors;

namespace Surge.Scripting.Yaml;

/// <summary>
/// The executors a YAML scenario can name in <c>executor:</c>, by k6 name. A new executor is one
/// more entry: its keys and how they make its options.
/// </summary>
internal static class ExecutorReaders
{
    /// <summary>The readers by executor name.</summary>
    public static IReadOnlyDictionary<string, ExecutorReader> ByName { get; } = new Dictionary<string, ExecutorReader>(StringComparer.Ordinal)
    {
        // constant-vus: vus (default 1) and duration (required).
        ["constant-vus"] = new(["vus", "duration"], map => new ConstantVusOptions
        {
            Vus = map.WholeNumber("vus", minimum: 1) ?? 1,
            Duration = map.Duration("duration") ?? throw map.Missing("a constant-vus scenario needs a 'duration', e.g. duration: 30s"),
        }),
    };
}
