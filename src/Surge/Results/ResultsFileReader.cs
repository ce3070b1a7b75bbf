using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;

namespace Surge.Results;

/// <summary>
/// Rebuilds a run's <see cref="TestSummary"/> and <see cref="Timeline.RunTimeline"/> from its results file
/// alone: the same seconds are summed the same way as during the run, so percentiles and verdicts
/// come out identical, and the timeline equals the one the run built.
/// </summary>
internal static class ResultsFileReader
{
    /// <summary>Reads the summary of a results file written by <see cref="NdjsonResultsWriter"/>.</summary>
    /// <exception cref="FormatException">The file is not a Surge results file; the message names the line.</exception>
    public static TestSummary Read(string path) => ReadRun(path).Summary;

    /// <summary>Reads a results file written by <see cref="NdjsonResultsWriter"/>: summary and timeline.</summary>
    /// <exception cref="FormatException">The file is not a Surge results file; the message names the line.</exception>
    public static RunOutcome ReadRun(string path)
    {
        var registry = new MetricRegistry();
        _ = new BuiltinMetrics(registry); // registered first, as in a live run, so metrics list in the same order
        return Parse(path, registry).ToOutcome();
    }

    /// <summary>Reads a results file's lines; series are registered in <paramref name="registry"/>, so files read with one registry share them.</summary>
    /// <exception cref="FormatException">The file is not a Surge results file; the message names the line.</exception>
    public static ResultsFile Parse(string path, MetricRegistry registry)
    {
        var reader = new ResultsLineReader(registry);
        var lines = File.ReadAllLines(path);
        for (var number = 1; number <= lines.Length; number++)
        {
            try
            {
                reader.Read(lines[number - 1]);
            }
            catch (Exception exception) when (IsLineProblem(exception))
            {
                if (number == lines.Length && !reader.Stopped)
                {
                    break; // The writer was killed in the middle of its last line: keep every whole second before it.
                }

                throw new FormatException(
                    $"{Path.GetFileName(path)} line {number} is not a Surge results line: {Problem(exception)}; surge report reads the file that surge run --out writes",
                    exception);
            }
        }

        return reader.ToFile(path);
    }

    /// <summary>True for what <see cref="ResultsLineReader.Read"/> throws on a line that is not a results line.</summary>
    public static bool IsLineProblem(Exception exception) =>
        exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or InvalidDataException;

    // In Surge's words: System.Text.Json's own messages speak of its types, not of the file.
    public static string Problem(Exception exception) => exception switch
    {
        InvalidDataException => exception.Message,
        JsonException => "it is not JSON",
        KeyNotFoundException => "a field that Surge writes is missing",
        _ => "a field holds a value that Surge does not write",
    };
}
