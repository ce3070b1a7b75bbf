
namespace Surge.Analysis.History;

/// <summary>One run as the history keeps it.</summary>
internal sealed record HistoryEntry
{
    /// <summary>The run's id in the history; 0 before it is recorded.</summary>
    public long Id { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>What was tested (the summary's target).</summary>
    public required string Target { get; init; }

    /// <summary>The scenario file's full path; null for a URL or the demo target.</summary>
    public string? ScriptPath { get; init; }

    /// <summary>The scenario file's SHA-256, lower-case hex; null without a file.</summary>
    public string? ScriptSha256 { get; init; }

    /// <summary>The run's tags (<c>--tag release=1.4</c>), in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>The summary JSON, UTF-8, as <c>--summary-export</c> writes it.</summary>
    public required byte[] SummaryJson { get; init; }

    /// <summary>The results file's full path, when the run wrote one (<c>--out</c>).</summary>
    public string? ResultsPath { get; init; }

    /// <summary>Responses per second of load.</summary>
    public double Tps { get; init; }

    /// <summary>95th percentile of http_req_duration, milliseconds.</summary>
    public double P95Ms { get; init; }

    /// <summary>Share of failed requests, 0–1.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The run's exit code: its verdict (0 passed, 99 goals failed, ...).</summary>
    public int ExitCode { get; init; }

    /// <summary>The run's diagnosis in a few words, from its summary JSON; null for a run without one.</summary>
    public string? Diagnosis
    {
        get
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(SummaryJson);
                return document.RootElement.TryGetProperty("surge", out var surge) ? RunFigures.DiagnosisOf(surge) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}
