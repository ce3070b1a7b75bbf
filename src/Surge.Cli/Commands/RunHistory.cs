using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Surge.Analysis.History;
using Surge.Configuration;
using Surge.Outcome;
using Surge.Results;

namespace Surge.Cli.Commands;

/// <summary>
/// Where and how <c>surge run</c> records itself in the history: <c>--history PATH</c>, <c>--no-history</c>,
/// <c>--tag NAME=VALUE</c>. Recording never fails the run: a problem is one warning line.
/// </summary>
internal sealed record RunHistory(string Path, bool Disabled, IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    /// <summary>No history: for runs that are not <c>surge run</c>'s own.</summary>
    public static RunHistory None { get; } = new(HistoryStore.DefaultPath, true, []);

    /// <summary>The flags, checked: each tag must be NAME=VALUE.</summary>
    public static RunHistory From(string? path, bool disabled, IReadOnlyList<string> tags)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        foreach (var tag in tags)
        {
            var equals = tag.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigException($"--tag '{tag}' needs the form NAME=VALUE, e.g. --tag release=1.4");
            }

            parsed.Add(new(tag[..equals], tag[(equals + 1)..]));
        }

        if (disabled && (path is not null || parsed.Count > 0))
        {
            throw new ConfigException("--no-history records nothing, so --history and --tag have no use with it; give one or the other");
        }

        return new RunHistory(path ?? HistoryStore.DefaultPath, disabled, parsed);
    }

    /// <summary>Records a finished run; says on stderr what went wrong instead of failing.</summary>
    public async Task RecordAsync(TestSummary summary, RunOutputs outputs, RunSettings settings)
    {
        if (Disabled)
        {
            return;
        }

        try
        {
            using var json = new MemoryStream();
            SummaryJsonExporter.Write(summary, outputs.TrendStats, json);
            var script = settings.IsScript && settings.Target is { } file && File.Exists(file) ? System.IO.Path.GetFullPath(file) : null;
            var entry = new HistoryEntry
            {
                Time = summary.StartTime,
                Target = summary.Target,
                ScriptPath = script,
                ScriptSha256 = script is null ? null : Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(script))),
                Tags = Tags,
                SummaryJson = json.ToArray(),
                ResultsPath = outputs.ResultsPath is { } results ? System.IO.Path.GetFullPath(results) : null,
                Tps = summary.Tps,
                P95Ms = summary.Metric("http_req_duration").PercentileMicros(95) / 1000,
                ErrorRate = summary.Metric("http_req_failed").Rate,
                ExitCode = summary.ExitCode,
            };
            using var store = HistoryStore.Open(Path, TimeProvider.System);
            await WarnMovedAsync(store);
            var id = store.Add(entry);
            if (!outputs.Quiet)
            {
                await Console.Error.WriteLineAsync($"  history: recorded as run {id} in {Path} (surge history, surge compare last~1 last)");
            }
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"surge: warning: the run was not recorded in the history '{Path}' ({OneLine(exception)}); its results above stand");
        }
    }

    /// <summary>Says that a broken history file was moved aside, when it was.</summary>
    public static async Task WarnMovedAsync(HistoryStore store)
    {
        if (store.MovedAside is { } aside)
        {
            await Console.Error.WriteLineAsync($"surge: warning: the history '{store.Path}' was not a SQLite database; it was moved to '{aside}' and a new history started");
        }
    }

    private static string OneLine(Exception exception) => exception is SqliteException sqlite
        ? sqlite.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal).Split('\n')[0]
        : exception.Message.Split('\n')[0];
}
