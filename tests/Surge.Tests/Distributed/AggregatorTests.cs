using HdrHistogram;
using Microsoft.Extensions.Time.Testing;
using Surge.Distributed;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Execution.Segments;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Timeline;

namespace Surge.Tests.Distributed;

/// <summary>The aggregator on its own (no HTTP): joins, the merge of streamed lines, a lost generator.</summary>
public sealed class AggregatorTests
{
    private const string Start = """{"type":"start","time":"2026-11-25T03:00:00+00:00","surge":"0.1.0","target":"t","testId":"id1","scenarios":[],"thresholds":[]}""";
    private const string Stop = """{"type":"stop","durationTicks":20000000,"reason":"Completed","scenarios":[]}""";
    private static readonly ExecutionSegmentSequence Halves = ExecutionSegmentSequence.Parse("0,1/2,1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
    private readonly Recorder _output = new();

    [Fact]
    public async Task Join_AnotherTest_OrATakenSegment_IsRefusedInOneLine()
    {
        var aggregator = Create();

        Assert.StartsWith("this generator runs another test than the aggregator (test id id2, the aggregator's id1)", Assert.Throws<JoinRefusedException>(() => aggregator.Join("id2", "0:1/2")).Message, StringComparison.Ordinal);
        Assert.Equal(0, aggregator.Join("id1", "0:1/2"));
        Assert.Equal("segment 0:1/2 has a generator already; give each generator its own segment of 0,1/2,1", Assert.Throws<JoinRefusedException>(() => aggregator.Join("id1", "0:1/2")).Message);
        Assert.StartsWith("segment 0:1/3 is not one of", Assert.Throws<JoinRefusedException>(() => aggregator.Join("id1", "0:1/3")).Message, StringComparison.Ordinal);
        Assert.False(aggregator.StartTime.IsCompleted);
        Assert.Equal(1, aggregator.Join("id1", "1/2:1"));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(2), await aggregator.StartTime);
    }

    [Fact]
    public async Task Receive_ASecondIsMergedOnceEveryGeneratorSentIt_AndABatchSentAgainIsReadOnce()
    {
        var aggregator = Create();
        aggregator.Join("id1", "0:1/2");
        aggregator.Join("id1", "1/2:1");
        var run = aggregator.RunAsync(CancellationToken.None);
        await WaitAsync(() => _output.Started);

        Assert.Equal("go", aggregator.Receive(0, 0, [Start, Interval(1, 10)]));
        Assert.Empty(_output.Seconds); // the other generator has not sent its first second
        aggregator.Receive(1, 0, [Start, Interval(1, 20, micros: 3_000)]);
        aggregator.Receive(0, 0, [Start, Interval(1, 10)]); // its answer was lost: sent again
        aggregator.Receive(0, 2, [Interval(2, 1), Stop]);
        aggregator.Receive(1, 2, [Interval(2, 2), Stop]);
        _time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([30.0, 3.0], _output.Seconds.Select(s => s.Sum("http_reqs")));
        Assert.Equal(33, outcome.Summary.Metric("http_reqs").Sum);

        // The live view (console, dashboard) gets the merged aggregates: both generators' counts, and one histogram of
        // every duration (generator 0 sent 1 ms each, generator 1 3 ms).
        var live = _output.Live[0].ToDictionary(s => s.Series.Metric.Name, s => s.Values);
        Assert.Equal(30, live["http_reqs"].Sum);
        Assert.Equal(30, live["http_req_duration"].Histogram!.TotalCount);
        Assert.Equal(1_000, live["http_req_duration"].PercentileMicros(30));
        Assert.Equal(3_000, live["http_req_duration"].PercentileMicros(90));
        Assert.Equal(StopReason.Completed, outcome.Summary.StopReason);
    }

    [Fact]
    public async Task AGeneratorThatSendsNothing_IsCountedOut_ItsSecondsKept_AndTheOthersGoOn()
    {
        var aggregator = Create();
        aggregator.Join("id1", "0:1/2");
        aggregator.Join("id1", "1/2:1");
        var run = aggregator.RunAsync(CancellationToken.None);
        await WaitAsync(() => _output.Started);
        aggregator.Receive(0, 0, [Start, Interval(1, 10)]);
        aggregator.Receive(1, 0, [Start, Interval(1, 20)]);

        for (var second = 2; second <= 8; second++)
        {
            aggregator.Receive(0, second, [Interval(second, 10)]); // generator 2 is silent from here on
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        aggregator.Receive(0, 9, [Stop]);
        _time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(30));

        var lost = Assert.Single(_output.Events, e => e.Kind == EventKind.GeneratorLost);
        Assert.StartsWith("generator 2 (1/2:1) sent nothing for 5s; it is counted out, its 1 second(s) kept", lost.Message, StringComparison.Ordinal);
        Assert.Equal(30 + (7 * 10), outcome.Summary.Metric("http_reqs").Sum);
        Assert.Equal(StopReason.Completed, outcome.Summary.StopReason);
    }

    private static string Interval(int second, int requests, long micros = 1_000)
    {
        var durations = new LongHistogram(MetricAggregate.HighestTrackableMicros, 3);
        durations.RecordValueWithCount(micros, requests);
        return $$"""{"type":"interval","t":{{second}},"dur":1,"time":"2026-11-25T03:00:0{{second}}+00:00","tTicks":{{second}}0000000,"durTicks":10000000,"series":[{"metric":"http_reqs","type":"counter","contains":"default","tags":{},"count":{{requests}},"sum":{{requests}}},{"metric":"http_req_duration","type":"trend","contains":"time","tags":{},"count":{{requests}},"sum":{{requests * micros}},"min":{{micros}},"max":{{micros}},"hist":"{{HistogramCodec.Encode(durations)}}"}]}""";
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private Aggregator Create()
    {
        var plan = new TestPlan { Scenarios = [new Scenario("default", new ConstantVusOptions { Vus = 2, Duration = TimeSpan.FromSeconds(2) }, (_, _) => ValueTask.CompletedTask)], TestId = "id1" };
        return new Aggregator(plan, Halves, [_output], new AggregatorOptions(), _time);
    }

    private sealed class Recorder : ITestOutput
    {
        public volatile bool Started;

        public List<TimelineSecond> Seconds { get; } = [];

        public List<List<SeriesSample>> Live { get; } = [];

        public List<TestEvent> Events { get; } = [];

        public void OnStart(TestStart start) => Started = true;

        public void OnSecond(RunSecond second)
        {
            Seconds.Add(second.Second);
            Live.Add([.. second.Live.Samples]);
        }

        public void OnEvent(TestEvent testEvent) => Events.Add(testEvent);

        public void OnEnd(TestSummary summary)
        {
        }
    }
}
