using Surge.Execution;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Run;
using Surge.Thresholds;
using Surge.Timeline;

namespace Surge.Tests.Run;

public class ThresholdWatchTests
{
    private readonly MetricRegistry _registry = new();
    private readonly BuiltinMetrics _metrics;
    private readonly RunEvents _events = new();
    private readonly List<StopReason> _aborts = [];

    public ThresholdWatchTests() => _metrics = new BuiltinMetrics(_registry);

    [Fact]
    public void OnSecond_CrossedThreshold_IsSaidOnceAtTheEvenSeconds()
    {
        var watch = Watch(ThresholdParser.ParseSpec("http_req_duration:p(95)<100"));

        watch.OnSecond(Second(1, durationMicros: 500_000));
        Assert.Empty(_events.Queued); // checked every 2 s, as k6 does
        watch.OnSecond(Second(2, durationMicros: 500_000));
        watch.OnSecond(Second(3, durationMicros: 500_000));
        watch.OnSecond(Second(4, durationMicros: 500_000));

        var crossed = Assert.Single(_events.Queued);
        Assert.Equal(EventKind.ThresholdFailed, crossed.Kind);
        Assert.StartsWith("threshold 'http_req_duration:p(95)<100' crossed (observed 5", crossed.Message, StringComparison.Ordinal);
        Assert.Empty(_aborts);
    }

    [Fact]
    public void OnSecond_AbortOnFail_AbortsOnlyAfterItsDelay()
    {
        var watch = Watch(ThresholdParser.ParseSpec("http_req_duration:p(95)<100;abortOnFail;delayAbortEval=3s"));

        watch.OnSecond(Second(1, durationMicros: 500_000));
        watch.OnSecond(Second(2, durationMicros: 500_000));
        Assert.Empty(_aborts); // crossed at 2 s, but the delay is 3 s
        watch.OnSecond(Second(3, durationMicros: 500_000));
        watch.OnSecond(Second(4, durationMicros: 500_000));

        Assert.Equal([StopReason.ThresholdAborted], _aborts);
        Assert.Equal([EventKind.ThresholdFailed, EventKind.ThresholdFailed, EventKind.Aborted], _events.Queued.Select(e => e.Kind));
    }

    [Fact]
    public void Verdicts_CoverEverySecond_TheLastOneIncluded_WhichIsNeverCheckedInFlight()
    {
        var watch = Watch(ThresholdParser.ParseSpec("http_reqs:count<3"));

        watch.OnSecond(Second(1, durationMicros: 1_000));
        watch.OnSecond(Second(2, durationMicros: 1_000, isLast: true));

        Assert.Empty(_events.Queued); // the last second is judged by the verdicts only
        var verdict = Assert.Single(watch.Verdicts(TimeSpan.FromSeconds(2)));
        Assert.False(verdict.Passed);
        Assert.Equal(4, verdict.Observed);
    }

    private ThresholdWatch Watch(params ThresholdDefinition[] thresholds) =>
        new(thresholds, _events, reason =>
        {
            _aborts.Add(reason);
            return _aborts.Count == 1;
        });

    /// <summary>A second with two requests of the given duration.</summary>
    private RunSecond Second(int at, long durationMicros, bool isLast = false)
    {
        var requests = MetricAggregate.Create(MetricType.Counter);
        var durations = MetricAggregate.Create(MetricType.Trend);
        for (var i = 0; i < 2; i++)
        {
            requests.AddCounter(1);
            durations.AddTrendMicros(durationMicros);
        }

        var elapsed = TimeSpan.FromSeconds(at);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var live = new IntervalSnapshot(start + elapsed, elapsed, TimeSpan.FromSeconds(1), [
            new SeriesSample(_registry.GetSeries(_metrics.HttpReqs, TagSet.Empty), requests),
            new SeriesSample(_registry.GetSeries(_metrics.HttpReqDuration, TagSet.Empty), durations),
        ]);
        var second = new TimelineSecond(live.Time, elapsed, live.Length, [.. live.Samples.Select(s => SeriesSecond.Of(s.Series, s.Values))], [], []);
        return new RunSecond(second, RunTimeline.Start(start).Append(second), live, [], isLast);
    }
}
