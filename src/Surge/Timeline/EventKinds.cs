namespace Surge.Timeline;

/// <summary>The results file's names of <see cref="EventKind"/>s: written once here, read back the same way.</summary>
internal static class EventKinds
{
    private static readonly Dictionary<EventKind, string> Names = new()
    {
        [EventKind.ThresholdFailed] = "threshold_failed",
        [EventKind.Aborted] = "aborted",
        [EventKind.ScriptError] = "script_error",
        [EventKind.MarkedFailed] = "marked_failed",
        [EventKind.DroppedIterations] = "dropped_iterations",
        [EventKind.VusAbandoned] = "vus_abandoned",
        [EventKind.MetricOutOfRange] = "metric_out_of_range",
        [EventKind.Monitor] = "monitor",
        [EventKind.GeneratorLimited] = "generator_limited",
        [EventKind.GeneratorRecovered] = "generator_recovered",
        [EventKind.GeneratorLost] = "generator_lost",
        [EventKind.GeneratorJoined] = "generator_joined",
    };

    private static readonly Dictionary<string, EventKind> Kinds = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The kind's name in the results file, e.g. <c>threshold_failed</c>.</summary>
    public static string Name(this EventKind kind) => Names[kind];

    /// <summary>The kind of a results file name; false when it is not one Surge writes.</summary>
    public static bool TryParse(string name, out EventKind kind) => Kinds.TryGetValue(name, out kind);

    /// <summary>The kind of a results file name.</summary>
    /// <exception cref="FormatException">The name is not one Surge writes.</exception>
    public static EventKind Parse(string name) =>
        Kinds.TryGetValue(name, out var kind) ? kind : throw new FormatException($"unknown event kind '{name}'");
}
