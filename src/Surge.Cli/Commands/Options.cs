using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
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

    /// <summary><c>--user-agent</c>, k6's: the User-Agent of requests that set none; "" sends none.</summary>
    public static Option<string?> UserAgent() => new("--user-agent")
    {
        Description = "The User-Agent header of requests that set none (default surge/VERSION); --user-agent \"\" sends none.",
    };

    public static Option<string?> SummaryTrendStats() => new("--summary-trend-stats")
    {
        Description = "Trend stats to show, e.g. avg,min,med,max,p(90),p(95),p(99.9),count.",
    };

    public static Option<string?> HistoryPath() => new("--history")
    {
        Description = $"The run history, a SQLite file (default {Analysis.History.HistoryStore.DefaultPath} in the working directory).",
    };

    /// <summary><c>--lang en|ko</c>: the language of the diagnosis; a value Surge does not write is an error naming the choices.</summary>
    public static Option<string?> Lang() => new("--lang")
    {
        Description = "The language of the diagnosis: en or ko (default: the locale's, ko for a Korean locale).",
        Validators =
        {
            result =>
            {
                if (result.Tokens is [var token] && Outcome.DiagnosisLanguage.Parse(token.Value) is null)
                {
                    result.AddError($"--lang '{token.Value}' is not a language Surge writes; use --lang en or --lang ko");
                }
            },
        },
    };

    /// <summary>The diagnosis language of a <c>--lang</c> value, or the locale's when none was given.</summary>
    public static Outcome.DiagnosisLanguage LanguageFrom(string? lang) =>
        Outcome.DiagnosisLanguage.Parse(lang) ?? Outcome.DiagnosisLanguage.FromEnvironment();

    /// <summary>A whole-number option (<c>--vus</c>), whose parse error names the flag and the text, not a .NET type.</summary>
    public static Option<int?> WholeNumber(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        CustomParser = result => ParseWhole(result, name, int.MaxValue) is { } value ? (int)value : null,
    };

    /// <summary>A whole-number option that may be larger than an int (<c>--iterations</c>).</summary>
    public static Option<long?> LongWholeNumber(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        CustomParser = result => ParseWhole(result, name, long.MaxValue),
    };

    /// <summary>A number option (<c>--rate</c>): a finite decimal number.</summary>
    public static Option<double?> Number(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            if (result.Tokens is not [var token])
            {
                return null;
            }

            if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            result.AddError($"{name} '{token.Value}' is not a number; write it like {name} 100 or {name} 2.5");
            return null;
        },
    };

    /// <summary>A TCP port option: 1 to 65535, or 0 for any free port.</summary>
    public static Option<int> Port(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            if (result.Tokens is not [var token])
            {
                return 0;
            }

            if (int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
            {
                return port;
            }

            result.AddError($"{name} '{token.Value}' is not a port; give 1 to 65535, or 0 for any free port");
            return 0;
        },
    };

    private static long? ParseWhole(ArgumentResult result, string name, long maximum)
    {
        if (result.Tokens is not [var token])
        {
            return null; // a missing or repeated value: the parser's own arity error says so
        }

        var text = token.Value;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value <= maximum && value >= -maximum)
        {
            return value;
        }

        var tooLarge = text.TrimStart('-', '+').Length > 0 && text.TrimStart('-', '+').All(char.IsAsciiDigit);
        result.AddError(tooLarge
            ? $"{name} '{text}' is too large; the most is {maximum.ToString(CultureInfo.InvariantCulture)}"
            : $"{name} '{text}' is not a whole number; write it like {name} 10");
        return null;
    }

    public static IReadOnlyList<string> TrendStatsFrom(string? text) =>
        text is null ? TrendStats.Default : TrendStats.Parse(text);

    /// <summary>The self-contained HTML report option (<c>--report</c> on run, <c>--html</c> on report).</summary>
    public static Option<string?> HtmlReport(string name) =>
        new(name) { Description = "Write a self-contained HTML report (charts, tables, diagnosis; opens offline) to this file." };

    /// <summary>
    /// The results file of <c>--out</c>. k6 names an output's kind before its file (<c>--out json=results.json</c>):
    /// Surge's results are NDJSON, so <c>json=</c> is taken as k6 users write it; k6's other outputs are refused
    /// with what to write instead, rather than becoming a file named <c>csv=...</c>.
    /// </summary>
    public static string? ResultsPath(string? value)
    {
        var equals = value?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (equals <= 0)
        {
            return value;
        }

        var kind = value![..equals];
        if (kind == "json")
        {
            return value[(equals + 1)..] is { Length: > 0 } file
                ? file
                : throw new ConfigException("--out 'json=' names no file; write --out results.ndjson (or json=results.ndjson)");
        }

        return K6Outputs.Contains(kind)
            ? throw new ConfigException($"--out '{value}' is k6's {kind} output; Surge writes its results as NDJSON: write --out results.ndjson (docs/results.md says what reads it)")
            : value;
    }

    // k6's outputs other than json (k6 docs, "Results output").
    private static readonly HashSet<string> K6Outputs =
        ["csv", "cloud", "influxdb", "statsd", "datadog", "kafka", "experimental-prometheus-rw", "opentelemetry", "experimental-opentelemetry", "web-dashboard", "dynatrace", "timescaledb", "newrelic", "xk6-influxdb"];

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
            throw new ConfigException($"{option} '{path}' cannot be written: {FileProblem.Describe(exception, path)}");
        }
    }

    /// <summary>
    /// Fails when two outputs, or an output and an input, are the same file: an output would overwrite
    /// the input, or two outputs would fight over one file.
    /// </summary>
    public static void EnsureSeparate(IReadOnlyList<(string? Path, string Name)> outputs, IReadOnlyList<(string? Path, string Name)> inputs)
    {
        var seen = new List<(string Full, string Name, bool IsOutput)>();
        foreach (var (path, name, isOutput) in outputs.Select(o => (o.Path, o.Name, true)).Concat(inputs.Select(i => (i.Path, i.Name, false))))
        {
            if (path is null)
            {
                continue;
            }

            var full = Path.GetFullPath(path);
            var clash = seen.FindIndex(s => (s.IsOutput || isOutput) && string.Equals(s.Full, full, PathComparison));
            if (clash >= 0)
            {
                var first = seen[clash]; // outputs come first, so this one is an output
                throw new ConfigException(isOutput
                    ? $"{first.Name} and {name} both name '{path}'; give each output its own file"
                    : $"{first.Name} '{path}' is also {name}, which it would overwrite; write {first.Name} to another file");
            }

            seen.Add((full, name, isOutput));
        }
    }

    // Linux file names differ by case; Windows' and macOS's usual file systems do not.
    private static StringComparison PathComparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    public static TimeSpan Duration(string text, string option) =>
        Durations.TryParse(text, out var duration, out var error) ? duration : throw new ConfigException($"{option}: {error}");
}
