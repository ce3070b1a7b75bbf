using System.Text.Json;
using Surge.Monitoring;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Timeline;

namespace Surge.Results;

/// <summary>
/// Streams a run to a file, one JSON object per line: a <c>start</c> line, a <c>resources</c> line
/// (when monitored) and an <c>interval</c> line every second (every series with counts and its encoded HDR histogram), <c>event</c> lines and a
/// final <c>stop</c> line. Each line is flushed as it is written, so a crash loses at most a second.
/// </summary>
internal sealed class NdjsonResultsWriter : ITestOutput, IDisposable
{
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public NdjsonResultsWriter(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        _json = new Utf8JsonWriter(_file, new JsonWriterOptions { SkipValidation = true });
    }

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
        Line(json =>
        {
            json.WriteString("type", "stop");
            json.WriteString("time", summary.StartTime + summary.Duration);
            json.WriteNumber("duration", summary.Duration.TotalSeconds);
            json.WriteNumber("durationTicks", summary.Duration.Ticks);
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
        _json.WriteStartObject();
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _file.WriteByte((byte)'\n');
        _file.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }
}
