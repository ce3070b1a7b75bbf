using Surge.Http;
using Surge.IntegrationTests.Support;
using Surge.Lab.Demo;
using Surge.Monitoring.Proc;
using Surge.Results;
using Surge.Run;
using Surge.Thresholds;
using Surge.Timeline;

namespace Surge.IntegrationTests.Timeline;

public class TimelineRoundTripTests
{
    [Fact]
    public async Task LiveRun_TimelineRebuiltFromItsResultsFile_EqualsTheLiveOne()
    {
        await using var server = await DemoServer.StartAsync();
        Assert.True(ProcMonitors.TryCreate("local", null, out var monitor, out var error), error);
        var plan = Runs.Plan(new HttpRequest("GET", new Uri(server.Url, "/fast")), vus: 2, TimeSpan.FromSeconds(3)) with
        {
            // Crossed at the first check: the timeline then has a threshold event in a second of its own.
            Thresholds = [ThresholdParser.ParseSpec("http_reqs:count<1")],
            Monitors = [monitor],
        };
        var path = Path.Combine(Path.GetTempPath(), $"surge-timeline-{Guid.NewGuid():N}.ndjson");
        try
        {
            Surge.Outcome.RunOutcome live;
            using (var results = new NdjsonResultsWriter(path))
            {
                live = await RunService.RunAsync(plan, [results]);
            }

            var rebuilt = ResultsFileReader.ReadRun(path);

            Assert.True(live.Timeline.Seconds.Count >= 3, $"{live.Timeline.Seconds.Count} seconds in a 3 s run");
            Assert.Contains(live.Timeline.Events, e => e.Kind == EventKind.ThresholdFailed);
            Assert.Contains(live.Timeline.Seconds, s => s.Resources.Count > 0);
            AssertEqual(live.Timeline, rebuilt.Timeline);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task LiveRun_TimelineSeconds_AddUpToTheSummaryTotals()
    {
        await using var server = await DemoServer.StartAsync();
        var plan = Runs.Plan(new HttpRequest("GET", new Uri(server.Url, "/fast")), vus: 2, TimeSpan.FromSeconds(2));

        var outcome = await RunService.RunAsync(plan, []);

        var requests = outcome.Timeline.Seconds.Sum(s => s.Sum("http_reqs"));
        Assert.True(requests > 0);
        Assert.Equal(outcome.Summary.Metric("http_reqs").Sum, requests);
        var durations = Surge.Metrics.MetricAggregate.Create(Surge.Metrics.MetricType.Trend);
        foreach (var series in outcome.Timeline.Seconds.SelectMany(s => s.Of("http_req_duration")))
        {
            durations.Add(series.ToAggregate());
        }

        var total = outcome.Summary.Metric("http_req_duration");
        Assert.Equal(total.Count, durations.Count);
        Assert.Equal(total.PercentileMicros(95), durations.PercentileMicros(95));
        Assert.Equal(total.Max, durations.Max);
    }

    private static void AssertEqual(RunTimeline expected, RunTimeline actual)
    {
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.Seconds.Count, actual.Seconds.Count);
        for (var i = 0; i < expected.Seconds.Count; i++)
        {
            var (want, got) = (expected.Seconds[i], actual.Seconds[i]);
            Assert.Equal(want.Time, got.Time);
            Assert.Equal(want.Elapsed, got.Elapsed);
            Assert.Equal(want.Length, got.Length);
            Assert.Equal(want.Series, got.Series); // SeriesSecond: statistics and encoded histogram, byte for byte
            Assert.Equal(want.Events, got.Events);
            Assert.Equivalent(want.Resources, got.Resources, strict: true);
        }
    }
}
