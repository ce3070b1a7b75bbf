using System.Globalization;
using Surge.Configuration;

namespace Surge.Analysis.History;

/// <summary>A run named by its place in the history: an id (<c>12</c>), <c>last</c>, or <c>last~N</c> (N runs before the last).</summary>
internal static class HistoryReference
{
    /// <summary>True when <paramref name="text"/> has the form of a history reference rather than a file name.</summary>
    public static bool IsReference(string text) => Id(text) is not null || Back(text) is not null;

    /// <summary>The run <paramref name="text"/> names.</summary>
    /// <exception cref="ConfigException">No such run, or no history at all.</exception>
    public static HistoryEntry Resolve(HistoryStore? store, string text, string historyPath)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (store is null)
        {
            throw new ConfigException($"run '{text}' is not in the history: there is no history at '{historyPath}' yet (surge run records each run there; give --history PATH for another)");
        }

        var entry = Id(text) is { } id ? store.Find(id) : Back(text) is { } back ? store.Last(back) : null;
        if (entry is not null)
        {
            return entry;
        }

        var last = store.Last(0);
        var known = last is null ? "it holds no run yet" : $"its runs go up to {last.Id} (surge history lists them)";
        throw new ConfigException($"run '{text}' is not in the history at '{historyPath}'; {known}");
    }

    private static long? Id(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static int? Back(string text)
    {
        if (text == "last")
        {
            return 0;
        }

        return text.StartsWith("last~", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var back)
            ? back
            : null;
    }
}
