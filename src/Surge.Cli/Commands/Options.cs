using System.CommandLine;
using Surge.Configuration;
using Surge.Metrics;
using Surge.Results;

namespace Surge.Cli.Commands;

/// <summary>Options shared by several commands (each command gets its own instances).</summary>
internal static class Options
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show the full exception (stack trace) when something fails.",
        Recursive = true,
    };

    public static Option<string?> SummaryExport() => new("--summary-export")
    {
        Description = "Write the end-of-test summary as JSON (k6's summary shape) to this file.",
    };

    public static Option<string?> SummaryTrendStats() => new("--summary-trend-stats")
    {
        Description = "Trend stats to show, e.g. avg,min,med,max,p(90),p(95),p(99.9),count.",
    };

    public static IReadOnlyList<string> TrendStatsFrom(string? text) =>
        text is null ? TrendStats.Default : TrendStats.Parse(text);

    /// <summary>Fails early, before any load, when an output file cannot be written.</summary>
    public static void EnsureWritable(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            AtomicFile.EnsureWritable(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException($"{option} '{path}' cannot be written: {exception.Message}");
        }
    }

    public static TimeSpan Duration(string text, string option) =>
        Durations.TryParse(text, out var duration, out var error) ? duration : throw new ConfigException($"{option}: {error}");
}
