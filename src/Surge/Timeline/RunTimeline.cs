using System.Collections.Immutable;

namespace Surge.Timeline;

/// <summary>
/// The per-second record of a run: every second's load series (with histograms), resource samples and
/// events, in order. Immutable: the engine appends a second by making a new timeline, so a consumer
/// may keep the one it was handed while the run goes on.
/// </summary>
/// <remarks>
/// The engine builds it live and hands it to every consumer each second (console, results file,
/// thresholds, summary); <c>surge report</c> rebuilds the same timeline from the results file.
/// </remarks>
internal sealed class RunTimeline
{
    private RunTimeline(DateTimeOffset startTime, ImmutableList<TimelineSecond> seconds)
    {
        StartTime = startTime;
        Seconds = seconds;
    }

    /// <summary>A timeline with no second yet.</summary>
    public static RunTimeline Start(DateTimeOffset startTime) => new(startTime, []);

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>The seconds so far, oldest first.</summary>
    public IReadOnlyList<TimelineSecond> Seconds { get; }

    /// <summary>Every event of the run so far, in order.</summary>
    public IEnumerable<Timeline.TestEvent> Events => Seconds.SelectMany(s => s.Events);

    /// <summary>This timeline with one more second at its end.</summary>
    public RunTimeline Append(TimelineSecond second)
    {
        ArgumentNullException.ThrowIfNull(second);
        return new(StartTime, ((ImmutableList<TimelineSecond>)Seconds).Add(second));
    }
}
