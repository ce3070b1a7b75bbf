using Microsoft.Extensions.Time.Testing;
using Surge.Execution;
using Surge.Execution.Executors;
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

    [Fact]
    public void OnSecond_TpsGoal_CountsOverTheLoadSoFar_NotTheVuStartUp()
    {
        // 2 s of start-up with no response yet, then 4 successful responses a second: 4/s of load, though at 4 s
        // only 2/s of the test so far.
        var time = new FakeTimeProvider();
        var progress = new ScenarioProgress(new Scenario("default", new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(10) }, (_, _) => ValueTask.CompletedTask));
        progress.Started(time);
        var watch = Watch(GoalParser.Parse("tps>=3"));

        for (var at = 1; at <= 4; at++)
        {
            if (at == 3)
            {
                progress.IterationStarting(time.GetTimestamp());
            }

            time.Advance(TimeSpan.FromSeconds(1));
            if (at >= 3)
            {
                progress.IterationEnded(time.GetTimestamp());
            }

            watch.OnSecond(Second(at, durationMicros: 1_000, progress: progress, responses: at >= 3 ? 4 : 0));
        }

        Assert.True(_events.Queued.Count == 0, string.Join("; ", _events.Queued.Select(e => e.Message))); // 8 over 4 s of test would have crossed tps>=3 at 4 s
    }

    private ThresholdWatch Watch(params ThresholdDefinition[] thresholds) =>
        new(thresholds, _events, reason =>
        {
            _aborts.Add(reason);
            return _aborts.Count == 1;
        });

    /// <summary>A second with two requests (or <paramref name="responses"/>) of the given duration, all expected responses.</summary>
    private RunSecond Second(int at, long durationMicros, bool isLast = false, ScenarioProgress? progress = null, int responses = 2)
    {
        var requests = MetricAggregate.Create(MetricType.Counter);
        var durations = MetricAggregate.Create(MetricType.Trend);
        for (var i = 0; i < responses; i++)
        {
            requests.AddCounter(1);
            durations.AddTrendMicros(durationMicros);
        }

        var elapsed = TimeSpan.FromSeconds(at);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        IReadOnlyList<SeriesSample> samples = responses == 0 ? [] : [
            new SeriesSample(_registry.GetSeries(_metrics.HttpReqs, TagSet.Of("expected_response", "true")), requests),
            new SeriesSample(_registry.GetSeries(_metrics.HttpReqDuration, TagSet.Empty), durations),
        ];
        var live = new IntervalSnapshot(start + elapsed, elapsed, TimeSpan.FromSeconds(1), samples);
        var second = new TimelineSecond(live.Time, elapsed, live.Length, [.. live.Samples.Select(s => SeriesSecond.Of(s.Series, s.Values))], [], []);
        return new RunSecond(second, RunTimeline.Start(start).Append(second), live, progress is null ? [] : [progress], isLast);
    }
}
