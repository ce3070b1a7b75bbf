using System.Text.Json;
using Surge.Outcome;
using Surge.Results;

namespace Surge.Analysis;

/// <summary>
/// Reads a run's whole-run figures from its summary JSON (the <c>surge</c> block), so a run known only
/// by the summary kept in the history compares on the same numbers as one read from its results file.
/// </summary>
internal static class RunFigures
{
    private static readonly (string Stat, string Name)[] LatencyStats =
        [("avg", "avg"), ("med", "p50"), ("p(90)", "p90"), ("p(95)", "p95"), ("p(99)", "p99"), ("max", "max")];

    /// <summary>The figures of a summary (through its JSON, the one path both kinds of run take).</summary>
    public static RunFigureSet Of(TestSummary summary, IReadOnlyDictionary<FigureKey, IReadOnlyList<double>>? series = null)
    {
        using var stream = new MemoryStream();
        SummaryJsonExporter.Write(summary, Metrics.TrendStats.Default, stream);
        return Read(stream.ToArray(), series);
    }

    /// <summary>The figures of a summary JSON written by <see cref="SummaryJsonExporter"/>.</summary>
    /// <param name="summaryJson">The summary JSON, UTF-8.</param>
    /// <param name="series">The run's per-second series, when known: memory averages come from them.</param>
    /// <exception cref="FormatException">It is not a Surge summary JSON.</exception>
    public static RunFigureSet Read(ReadOnlyMemory<byte> summaryJson, IReadOnlyDictionary<FigureKey, IReadOnlyList<double>>? series = null)
    {
        try
        {
            using var document = JsonDocument.Parse(summaryJson);
            return Read(document.RootElement.GetProperty("surge"), series);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"the summary JSON has no Surge figures ({exception.Message})", exception);
        }
    }

    private static RunFigureSet Read(JsonElement surge, IReadOnlyDictionary<FigureKey, IReadOnlyList<double>>? series)
    {
        var figures = new List<RunFigure>
        {
            new(new(FigureKey.Load, "TPS"), FigureUnit.PerSecond, true, surge.GetProperty("tps").GetDouble()),
        };
        var latency = surge.GetProperty("latencyMs");
        figures.AddRange(LatencyStats.Select(s => new RunFigure(new(FigureKey.Load, s.Name), FigureUnit.Milliseconds, false, latency.GetProperty(s.Stat).GetDouble())));
        figures.Add(new(new(FigureKey.Load, "errors"), FigureUnit.Percent, false, surge.GetProperty("errorRate").GetDouble() * 100));

        foreach (var endpoint in surge.GetProperty("endpoints").EnumerateArray())
        {
            var group = FigureKey.Endpoint(endpoint.GetProperty("method").GetString() ?? "", endpoint.GetProperty("name").GetString() ?? "");
            var requests = endpoint.GetProperty("requests").GetDouble();
            figures.Add(new(new(group, "TPS"), FigureUnit.PerSecond, true, endpoint.GetProperty("tps").GetDouble()));
            figures.Add(new(new(group, "avg"), FigureUnit.Milliseconds, false, endpoint.GetProperty("avgMs").GetDouble()));
            figures.Add(new(new(group, "p95"), FigureUnit.Milliseconds, false, endpoint.GetProperty("p95Ms").GetDouble()));
            figures.Add(new(new(group, "p99"), FigureUnit.Milliseconds, false, endpoint.GetProperty("p99Ms").GetDouble()));
            figures.Add(new(new(group, "errors"), FigureUnit.Percent, false, requests == 0 ? 0 : endpoint.GetProperty("failed").GetDouble() / requests * 100));
        }

        var scenarios = new List<string>();
        foreach (var scenario in surge.GetProperty("scenarios").EnumerateArray())
        {
            var name = scenario.GetProperty("name").GetString() ?? "";
            scenarios.Add(name);
            var loadTicks = scenario.TryGetProperty("loadTicks", out var load) ? load.GetInt64() : 0;
            var ranTicks = scenario.GetProperty("ranTicks").GetInt64();
            var seconds = loadTicks > 0 ? TimeSpan.FromTicks(loadTicks).TotalSeconds
                : ranTicks > 0 ? TimeSpan.FromTicks(ranTicks).TotalSeconds
                : surge.GetProperty("loadSeconds").GetDouble();
            var iterations = scenario.GetProperty("completed").GetDouble() + scenario.GetProperty("interrupted").GetDouble();
            figures.Add(new(new(FigureKey.Scenario(name), "iterations/s"), FigureUnit.PerSecond, true, seconds > 0 ? iterations / seconds : 0));
            if (scenario.GetProperty("openModel").GetBoolean())
            {
                var dropped = scenario.GetProperty("dropped").GetDouble();
                figures.Add(new(new(FigureKey.Scenario(name), "dropped/s"), FigureUnit.PerSecond, false, seconds > 0 ? dropped / seconds : 0));
            }
        }

        foreach (var resource in surge.GetProperty("resources").EnumerateArray())
        {
            var group = FigureKey.Target(resource.GetProperty("target").GetString() ?? "");
            figures.Add(new(new(group, "CPU avg"), FigureUnit.Percent, false, Optional(resource, "cpuAverage")));
            figures.Add(new(new(group, "CPU peak"), FigureUnit.Percent, false, Optional(resource, "cpuPeak")));
            var memory = series?.GetValueOrDefault(new FigureKey(group, "memory avg"));
            figures.Add(new(new(group, "memory avg"), FigureUnit.Bytes, false, memory is { Count: > 0 } ? memory.Average() : null));
            figures.Add(new(new(group, "memory peak"), FigureUnit.Bytes, false, Optional(resource, "memoryPeakBytes")));
        }

        return new RunFigureSet(surge.GetProperty("target").GetString() ?? "", scenarios, figures)
        {
            Diagnosis = DiagnosisOf(surge),
        };
    }

    private static double? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>The diagnosis's few words in a summary JSON's <c>surge</c> block, if it has one.</summary>
    public static string? DiagnosisOf(JsonElement surge) =>
        surge.TryGetProperty("diagnosis", out var diagnosis) && diagnosis.TryGetProperty("summary", out var summary) ? summary.GetString() : null;
}
