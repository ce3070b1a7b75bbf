using System.Text.Json;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Thresholds;
using Surge.Timeline;

namespace Surge.Results;

/// <summary>
/// Reads the lines of one results file, one after another, as they come: from a file
/// (<see cref="ResultsFileReader"/>) or streamed by a generator to the aggregator.
/// </summary>
internal sealed class ResultsLineReader(MetricRegistry registry)
{
    private readonly MetricRegistry _registry = registry;
    private readonly List<ThresholdDefinition> _thresholds = [];
    private readonly List<ScenarioSummary> _scenarios = [];
    private readonly Monitoring.ResourceTotals _resources = new();
    private readonly List<string> _failReasons = [];
    private readonly List<TestEvent> _events = [];
    private DateTimeOffset _startTime = DateTimeOffset.MinValue;
    private string _target = "";
    private string _testId = "";
    private string? _segment;
    private TimeSpan? _duration;
    private TimeSpan _loadDuration = TimeSpan.Zero;
    private TimeSpan _lastElapsed = TimeSpan.Zero;
    private StopReason _reason = StopReason.Unfinished;
    private string? _stopMessage;
    private GeneratorHealth _generator = new(TimeSpan.Zero, 0, 0, TimeSpan.Zero, null);
    private IReadOnlyList<Monitoring.ResourceSummary>? _resourceSummaries;
    private RunTimeline? _timeline;
    private Diagnosis? _diagnosis;
    private IReadOnlyList<Monitoring.ResourceSample> _secondResources = [];

    /// <summary>True once the start line has been read.</summary>
    public bool Started => _timeline is not null;

    /// <summary>True once the stop line has been read.</summary>
    public bool Stopped => _duration is not null;

    /// <summary>The seconds read so far (empty before the start line).</summary>
    public IReadOnlyList<TimelineSecond> Seconds => _timeline?.Seconds ?? [];

    /// <summary>The test id of the start line.</summary>
    public string TestId => _testId;

    /// <summary>Reads one line.</summary>
    /// <exception cref="InvalidDataException">The line is not a results line; also <see cref="JsonException"/>,
    /// <see cref="KeyNotFoundException"/>, <see cref="InvalidOperationException"/>, <see cref="FormatException"/>, <see cref="ArgumentException"/>.</exception>
    public void Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        using var document = JsonDocument.Parse(text);
        var line = document.RootElement;
        if (line.ValueKind != JsonValueKind.Object || !line.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException("it has no \"type\" (start, interval, resources, event, diagnosis or stop)");
        }

        switch (type.GetString())
        {
            case "start":
                _startTime = line.GetProperty("time").GetDateTimeOffset();
                _timeline = RunTimeline.Start(_startTime);
                _target = line.GetProperty("target").GetString() ?? "";
                _testId = line.TryGetProperty("testId", out var id) ? id.GetString() ?? "" : "";
                _segment = line.TryGetProperty("segment", out var part) ? part.GetString() : null;
                _thresholds.AddRange(line.GetProperty("thresholds").EnumerateArray().Select(ResultsJson.ReadThreshold));
                _scenarios.AddRange(line.GetProperty("scenarios").EnumerateArray().Select(ResultsJson.ReadScenario));
                break;
            case "interval":
                var seconds = new List<SeriesSecond>();
                foreach (var element in line.GetProperty("series").EnumerateArray())
                {
                    var (series, values, histogram) = ResultsJson.ReadSeries(element, _registry);
                    seconds.Add(SeriesSecond.Restore(series, values, histogram));
                }

                _lastElapsed = Ticks(line, "tTicks", "t");
                _timeline = _timeline?.Append(new TimelineSecond(
                    line.GetProperty("time").GetDateTimeOffset(), _lastElapsed, Ticks(line, "durTicks", "dur"), seconds, _secondResources, [.. _events])
                {
                    GeneratorCpuPercent = line.TryGetProperty("generatorCpu", out var generatorCpu) ? generatorCpu.GetDouble() : null,
                });
                _events.Clear();
                _secondResources = [];
                break;
            case "resources":
                _secondResources = Monitoring.ResourceJson.Read(line.GetProperty("samples"));
                _resources.Add(_secondResources);
                break;
            case "diagnosis":
                _diagnosis = DiagnosisJson.Read(line);
                break;
            case "event":
                var kindName = line.GetProperty("kind").GetString()!;
                var kind = EventKinds.TryParse(kindName, out var known) ? known : throw new InvalidDataException($"unknown event kind '{kindName}'");
                _events.Add(new TestEvent(kind, Ticks(line, "tTicks", "t"), line.GetProperty("message").GetString() ?? ""));
                break;
            case "stop":
                if (line.TryGetProperty("resources", out var summaries))
                {
                    _resourceSummaries = summaries.Deserialize<Monitoring.ResourceSummary[]>(Monitoring.ResourceJson.Options);
                }

                _duration = TimeSpan.FromTicks(line.GetProperty("durationTicks").GetInt64());
                _loadDuration = line.TryGetProperty("loadTicks", out var load) ? TimeSpan.FromTicks(load.GetInt64()) : TimeSpan.Zero;
                var reasonName = line.GetProperty("reason").GetString()!;
                _reason = Enum.TryParse<StopReason>(reasonName, out var stop) && Enum.IsDefined(stop)
                    ? stop
                    : throw new InvalidDataException($"unknown stop reason '{reasonName}'");
                _stopMessage = line.TryGetProperty("message", out var message) ? message.GetString() : null;
                if (line.TryGetProperty("generator", out var health))
                {
                    _generator = ResultsJson.ReadGenerator(health);
                }

                if (line.TryGetProperty("failReasons", out var fails))
                {
                    _failReasons.AddRange(fails.EnumerateArray().Select(f => f.GetString()!));
                }

                _scenarios.Clear();
                _scenarios.AddRange(line.GetProperty("scenarios").EnumerateArray().Select(ResultsJson.ReadScenario));
                break;
        }
    }

    /// <summary>What was read, as one file.</summary>
    /// <exception cref="FormatException">No start line was read.</exception>
    public ResultsFile ToFile(string path)
    {
        if (_timeline is null)
        {
            throw new FormatException($"{System.IO.Path.GetFileName(path)} has no start line; it is not a Surge results file (write one with surge run --out FILE)");
        }

        return new ResultsFile(path, _testId, _segment, _target, _timeline)
        {
            Thresholds = _thresholds,
            Scenarios = _scenarios,
            Duration = _duration ?? _lastElapsed,
            LoadDuration = _loadDuration,
            Reason = _reason,
            StopMessage = _stopMessage,
            FailReasons = _failReasons,
            Generator = _generator,
            Resources = _resourceSummaries ?? _resources.Summaries(), // a file cut short still has its seconds
            Diagnosis = _diagnosis,
        };
    }

    /// <summary>A time span, exact from its ticks where the file has them (files before them: from seconds).</summary>
    private static TimeSpan Ticks(JsonElement line, string ticks, string seconds) =>
        line.TryGetProperty(ticks, out var exact) ? TimeSpan.FromTicks(exact.GetInt64()) : TimeSpan.FromSeconds(line.GetProperty(seconds).GetDouble());
}
