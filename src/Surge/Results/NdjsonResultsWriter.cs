using System.Buffers;
using System.Text.Json;
using Surge.Monitoring;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Timeline;

namespace Surge.Results;

/// <summary>
/// Streams a run to a file, one JSON object per line: a <c>start</c> line, a <c>resources</c> line
/// (when monitored) and an <c>interval</c> line every second (every series with counts and its encoded HDR histogram), <c>event</c> lines, a
/// <c>diagnosis</c> line and a final <c>stop</c> line. Each line is written whole as it comes, so a crash loses at most a second.
/// </summary>
/// <remarks>
/// A write that fails (the disk is full) does not stop the test: the file is cut back to its last whole
/// line, so it stays a valid results file, the problem is said once, and nothing more is written.
/// </remarks>
internal sealed class NdjsonResultsWriter : ITestOutput, IDisposable
{
    private readonly Stream _file;
    private readonly ArrayBufferWriter<byte> _line = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly Action<string> _onProblem;
    private long _whole;
    private bool _failed;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="onProblem">Told once, in one line, when the file cannot be written any more.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    /// <remarks>Unbuffered: each line goes to the file in one write, so a failed write is known to be that line's.</remarks>
    public NdjsonResultsWriter(string path, Action<string>? onProblem = null)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0), path, onProblem)
    {
    }

    /// <summary>Writes the lines to <paramref name="stream"/>, each in one write (a generator streams them to its aggregator).</summary>
    /// <param name="stream">Where the lines go; disposed with the writer.</param>
    /// <param name="name">What the stream is, for messages.</param>
    /// <param name="onProblem">Told once, in one line, when the stream cannot be written any more.</param>
    public NdjsonResultsWriter(Stream stream, string name, Action<string>? onProblem = null)
    {
        _file = stream;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { SkipValidation = true });
        _onProblem = onProblem ?? (_ => { });
        Path = name;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Why the file stopped being written, once it has (a full disk); null while all is well.</summary>
    public string? Problem { get; private set; }

    /// <inheritdoc />
    public void OnStart(TestStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Line(json =>
        {
            json.WriteString("type", "start");
            json.WriteString("time", start.Time);
            json.WriteString("surge", SurgeVersion.Value);
            json.WriteString("target", start.Plan.Target);
            json.WriteString("testId", start.Plan.TestId);
            if (!start.Plan.Segment.IsWhole)
            {
                // What surge report needs to merge the generators' files, and to say when one is missing.
                json.WriteString("segment", start.Plan.Segment.Segment.ToString());
                json.WriteString("sequence", start.Plan.Segment.Sequence.ToString());
            }

            json.WriteStartArray("scenarios");
            foreach (var scenario in start.Plan.Scenarios)
            {
                json.WriteStartObject();
                json.WriteString("name", scenario.Name);
                json.WriteString("executor", scenario.Executor.ExecutorName);
                json.WriteString("description", scenario.Executor.Describe());
                json.WriteNumber("plannedSeconds", scenario.Executor.PlannedDuration.TotalSeconds);
                json.WriteNumber("plannedTicks", scenario.Executor.PlannedDuration.Ticks);
                json.WriteBoolean("openModel", scenario.Executor.IsOpenModel);
                if (scenario.Executor.PlannedIterations is { } planned)
                {
                    json.WriteNumber("expected", planned);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("thresholds");
            foreach (var threshold in start.Plan.Thresholds)
            {
                ResultsJson.WriteThreshold(json, threshold);
            }

            json.WriteEndArray();
        });
    }

    /// <inheritdoc />
    public void OnSecond(RunSecond second)
    {
        ArgumentNullException.ThrowIfNull(second);
        var interval = second.Second;
        if (interval.Resources.Count > 0)
        {
            Line(json =>
            {
                json.WriteString("type", "resources");
                json.WriteNumber("t", interval.Elapsed.TotalSeconds);
                json.WritePropertyName("samples");
                ResourceJson.Write(json, interval.Resources);
            });
        }

        Line(json =>
        {
            json.WriteString("type", "interval");
            json.WriteNumber("t", interval.Elapsed.TotalSeconds);
            json.WriteNumber("dur", interval.Length.TotalSeconds);
            json.WriteString("time", interval.Time);

            // Exact, for surge report's timeline; the seconds above are for people.
            json.WriteNumber("tTicks", interval.Elapsed.Ticks);
            json.WriteNumber("durTicks", interval.Length.Ticks);
            if (interval.GeneratorCpuPercent is { } generatorCpu)
            {
                json.WriteNumber("generatorCpu", generatorCpu);
            }

            json.WriteStartArray("series");
            foreach (var series in interval.Series)
            {
                ResultsJson.WriteSeries(json, series);
            }

            json.WriteEndArray();
        });
    }

    /// <inheritdoc />
    public void OnEvent(TestEvent testEvent)
    {
        ArgumentNullException.ThrowIfNull(testEvent);
        Line(json =>
        {
            json.WriteString("type", "event");
            json.WriteString("kind", testEvent.Kind.Name());
            json.WriteNumber("t", testEvent.Elapsed.TotalSeconds);
            json.WriteNumber("tTicks", testEvent.Elapsed.Ticks);
            json.WriteString("message", testEvent.Message);
        });
    }

    /// <inheritdoc />
    public void OnEnd(TestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Diagnosis is { } diagnosis)
        {
            Line(json =>
            {
                json.WriteString("type", "diagnosis");
                DiagnosisJson.WriteFields(json, diagnosis);
            });
        }

        Line(json =>
        {
            json.WriteString("type", "stop");
            json.WriteString("time", summary.StartTime + summary.Duration);
            json.WriteNumber("duration", summary.Duration.TotalSeconds);
            json.WriteNumber("durationTicks", summary.Duration.Ticks);
            json.WriteNumber("loadTicks", summary.LoadDuration.Ticks);
            json.WriteString("reason", summary.StopReason.ToString());
            if (summary.StopMessage is not null)
            {
                json.WriteString("message", summary.StopMessage);
            }

            ResultsJson.WriteGenerator(json, summary.Generator);
            json.WritePropertyName("resources");
            JsonSerializer.Serialize(json, summary.Resources, ResourceJson.Options);
            json.WriteStartArray("failReasons");
            foreach (var failReason in summary.FailReasons)
            {
                json.WriteStringValue(failReason);
            }

            json.WriteEndArray();
            json.WriteStartArray("scenarios");
            foreach (var scenario in summary.Scenarios)
            {
                ResultsJson.WriteScenario(json, scenario);
            }

            json.WriteEndArray();
        });
    }

    private void Line(Action<Utf8JsonWriter> body)
    {
        if (_failed)
        {
            return;
        }

        _json.WriteStartObject();
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _line.Write("\n"u8);
        try
        {
            _file.Write(_line.WrittenSpan);
            _whole += _line.WrittenCount;
        }
        catch (IOException exception)
        {
            Fail(exception);
        }
        finally
        {
            _line.Clear();
        }
    }

    /// <summary>Cuts the file back to its last whole line (a write may have gone out in part) and stops writing.</summary>
    private void Fail(IOException exception)
    {
        _failed = true;
        try
        {
            if (_file.CanSeek)
            {
                _file.SetLength(_whole);
            }
        }
        catch (IOException)
        {
            // Shrinking a file frees space, so it should not fail; if it does, a reader still stops at the cut line.
        }

        var reason = FileProblem.Describe(exception, Path);
        Problem = $"--out '{Path}' cannot be written any more ({reason}); it keeps every line written before, and the test goes on";
        _onProblem(Problem);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }
}
