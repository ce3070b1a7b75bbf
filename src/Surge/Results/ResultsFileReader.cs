using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Thresholds;
using Surge.Timeline;

namespace Surge.Results;

/// <summary>
/// Rebuilds a run's <see cref="TestSummary"/> and <see cref="RunTimeline"/> from its results file
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
        var totals = new MetricTotals();
        var thresholds = new List<ThresholdDefinition>();
        var scenarios = new List<ScenarioSummary>();
        var startTime = DateTimeOffset.MinValue;
        var target = "";
        TimeSpan? duration = null;
        var loadDuration = TimeSpan.Zero;
        var lastElapsed = TimeSpan.Zero;
        var reason = StopReason.Unfinished;
        string? stopMessage = null;
        var generator = new Outcome.GeneratorHealth(TimeSpan.Zero, 0, 0, TimeSpan.Zero, null);
        var resources = new Monitoring.ResourceTotals();
        IReadOnlyList<Monitoring.ResourceSummary>? resourceSummaries = null;
        var failReasons = new List<string>();
        RunTimeline? timeline = null;
        Diagnosis? diagnosis = null;
        var events = new List<TestEvent>();
        IReadOnlyList<Monitoring.ResourceSample> secondResources = [];
        var lines = File.ReadAllLines(path);
        for (var number = 1; number <= lines.Length; number++)
        {
            var text = lines[number - 1];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                var line = document.RootElement;
                if (line.ValueKind != JsonValueKind.Object || !line.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException("it has no \"type\" (start, interval, resources, event, diagnosis or stop)");
                }

                switch (type.GetString())
                {
                    case "start":
                        startTime = line.GetProperty("time").GetDateTimeOffset();
                        timeline = RunTimeline.Start(startTime);
                        target = line.GetProperty("target").GetString() ?? "";
                        thresholds.AddRange(line.GetProperty("thresholds").EnumerateArray().Select(ResultsJson.ReadThreshold));
                        scenarios.AddRange(line.GetProperty("scenarios").EnumerateArray().Select(ResultsJson.ReadScenario));
                        break;
                    case "interval":
                        var seconds = new List<SeriesSecond>();
                        foreach (var element in line.GetProperty("series").EnumerateArray())
                        {
                            var (series, values, histogram) = ResultsJson.ReadSeries(element, registry);
                            totals.Add(series, values);
                            seconds.Add(SeriesSecond.Restore(series, values, histogram));
                        }

                        lastElapsed = Ticks(line, "tTicks", "t");
                        timeline = timeline?.Append(new TimelineSecond(
                            line.GetProperty("time").GetDateTimeOffset(), lastElapsed, Ticks(line, "durTicks", "dur"), seconds, secondResources, [.. events])
                        {
                            GeneratorCpuPercent = line.TryGetProperty("generatorCpu", out var generatorCpu) ? generatorCpu.GetDouble() : null,
                        });
                        events.Clear();
                        secondResources = [];
                        break;
                    case "resources":
                        secondResources = Monitoring.ResourceJson.Read(line.GetProperty("samples"));
                        resources.Add(secondResources);
                        break;
                    case "diagnosis":
                        diagnosis = DiagnosisJson.Read(line);
                        break;
                    case "event":
                        var kindName = line.GetProperty("kind").GetString()!;
                        var kind = EventKinds.TryParse(kindName, out var known) ? known : throw new InvalidDataException($"unknown event kind '{kindName}'");
                        events.Add(new TestEvent(kind, Ticks(line, "tTicks", "t"), line.GetProperty("message").GetString() ?? ""));
                        break;
                    case "stop":
                        if (line.TryGetProperty("resources", out var summaries))
                        {
                            resourceSummaries = summaries.Deserialize<Monitoring.ResourceSummary[]>(Monitoring.ResourceJson.Options);
                        }

                        duration = TimeSpan.FromTicks(line.GetProperty("durationTicks").GetInt64());
                        loadDuration = line.TryGetProperty("loadTicks", out var load) ? TimeSpan.FromTicks(load.GetInt64()) : TimeSpan.Zero;
                        var reasonName = line.GetProperty("reason").GetString()!;
                        reason = Enum.TryParse<StopReason>(reasonName, out var stop) && Enum.IsDefined(stop)
                            ? stop
                            : throw new InvalidDataException($"unknown stop reason '{reasonName}'");
                        stopMessage = line.TryGetProperty("message", out var message) ? message.GetString() : null;
                        if (line.TryGetProperty("generator", out var health))
                        {
                            generator = ResultsJson.ReadGenerator(health);
                        }

                        if (line.TryGetProperty("failReasons", out var fails))
                        {
                            failReasons.AddRange(fails.EnumerateArray().Select(f => f.GetString()!));
                        }

                        scenarios.Clear();
                        scenarios.AddRange(line.GetProperty("scenarios").EnumerateArray().Select(ResultsJson.ReadScenario));
                        break;
                }
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or InvalidDataException)
            {
                if (number == lines.Length && duration is null)
                {
                    break; // The writer was killed in the middle of its last line: keep every whole second before it.
                }

                throw new FormatException(
                    $"{Path.GetFileName(path)} line {number} is not a Surge results line: {Problem(exception)}; surge report reads the file that surge run --out writes",
                    exception);
            }
        }

        if (startTime == DateTimeOffset.MinValue)
        {
            throw new FormatException($"{Path.GetFileName(path)} has no start line; it is not a Surge results file (write one with surge run --out FILE)");
        }

        var elapsed = duration ?? lastElapsed;
        var summary = new TestSummary(startTime, elapsed, reason, target, scenarios, totals, ThresholdEvaluator.Evaluate(thresholds, totals, elapsed, loadTime: loadDuration))
        {
            LoadDuration = loadDuration,
            StopMessage = stopMessage,
            FailReasons = failReasons,
            Generator = generator,
            Resources = resourceSummaries ?? resources.Summaries(), // a file cut short still has its seconds
        };

        // The run's own diagnosis where the file has it; a file cut short (or older) has none, and the
        // reader's callers diagnose its seconds (Diagnoser.Complete), as the analysis sits above this layer.
        return new RunOutcome(diagnosis is null ? summary : summary with { Diagnosis = diagnosis }, timeline!);
    }

    // In Surge's words: System.Text.Json's own messages speak of its types, not of the file.
    private static string Problem(Exception exception) => exception switch
    {
        InvalidDataException => exception.Message,
        JsonException => "it is not JSON",
        KeyNotFoundException => "a field that Surge writes is missing",
        _ => "a field holds a value that Surge does not write",
    };

    /// <summary>A time span, exact from its ticks where the file has them (files before them: from seconds).</summary>
    private static TimeSpan Ticks(JsonElement line, string ticks, string seconds) =>
        line.TryGetProperty(ticks, out var exact) ? TimeSpan.FromTicks(exact.GetInt64()) : TimeSpan.FromSeconds(line.GetProperty(seconds).GetDouble());
}
