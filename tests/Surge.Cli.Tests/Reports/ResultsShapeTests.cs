using System.Text;
using Surge.Analysis;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Metrics;
using Surge.Outputs;
using Surge.Results;
using Surge.Tests.Outcome;
using Surge.Thresholds;
using Surge.Timeline;
using Surge.TestSupport;

namespace Surge.Cli.Tests.Reports;

/// <summary>The summary JSON and the results file's lines, byte for byte: other tools read both.</summary>
public class ResultsShapeTests
{
    [Fact]
    public void SummaryJson_OfTheSampleRun_MatchesTheExpectedFile()
    {
        var sample = SampleRun.Summary(stepMicros: 10, interruptedIterations: 2, GoalParser.Parse("tps>=50"), GoalParser.Parse("errors<1%"));
        var summary = sample with { Diagnosis = Diagnoser.Diagnose(sample, TwoSeconds(sample.StartTime).Second.Timeline) };
        using var stream = new MemoryStream();

        SummaryJsonExporter.Write(summary, ["avg", "min", "med", "max", "p(90)", "p(95)"], stream);

        Expectations.Verify("summary.json", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void ResultsFile_StartSecondsEventAndStop_MatchTheExpectedLines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"surge-shape-{Guid.NewGuid():N}.ndjson");
        try
        {
            var sample = SampleRun.Summary(GoalParser.Parse("p95<500ms"));
            var plan = new TestPlan
            {
                Scenarios = [new Scenario("default", new ConstantVusOptions { Vus = 10, Duration = TimeSpan.FromSeconds(10) }, (_, _) => ValueTask.CompletedTask)],
                Thresholds = sample.Thresholds.Select(t => t.Definition).ToList(),
                Target = sample.Target,
            };
            var (first, second) = TwoSeconds(sample.StartTime);
            var summary = sample with { Diagnosis = Diagnoser.Diagnose(sample, second.Timeline) };
            using (var writer = new NdjsonResultsWriter(path))
            {
                writer.OnStart(new TestStart(plan, summary.StartTime));
                writer.OnSecond(first);
                writer.OnEvent(new TestEvent(EventKind.ThresholdFailed, TimeSpan.FromSeconds(1.5), "threshold 'http_req_duration:p(95)<500' crossed (observed 612)"));
                writer.OnSecond(second);
                writer.OnEnd(summary);
            }

            Expectations.Verify("results.ndjson", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Two seconds of a run: requests with durations, a gauge, and a host's resource sample in the second.</summary>
    private static (RunSecond First, RunSecond Second) TwoSeconds(DateTimeOffset start)
    {
        var registry = new MetricRegistry();
        var metrics = new BuiltinMetrics(registry);
        var tags = TagSet.Of("method", "GET", "name", "/", "status", "200");
        var timeline = RunTimeline.Start(start);
        RunSecond Second(int at, int requests, long micros, Monitoring.ResourceSample[] resources, TestEvent[] events)
        {
            var reqs = MetricAggregate.Create(MetricType.Counter);
            var duration = MetricAggregate.Create(MetricType.Trend);
            var vus = MetricAggregate.Create(MetricType.Gauge);
            for (var i = 0; i < requests; i++)
            {
                reqs.AddCounter(1);
                duration.AddTrendMicros(micros + (i * 100));
            }

            vus.SetGauge(10, 10, 10);
            var samples = new SeriesSample[]
            {
                new(registry.GetSeries(metrics.HttpReqs, tags), reqs),
                new(registry.GetSeries(metrics.HttpReqDuration, tags), duration),
                new(registry.GetSeries(metrics.Vus, TagSet.Empty), vus),
            };
            var elapsed = TimeSpan.FromSeconds(at);
            var live = new IntervalSnapshot(start + elapsed, elapsed, TimeSpan.FromSeconds(1), samples);
            var second = new TimelineSecond(live.Time, elapsed, live.Length, [.. samples.Select(s => SeriesSecond.Of(s.Series, s.Values))], resources, events);
            timeline = timeline.Append(second);
            return new RunSecond(second, timeline, live, [], IsLast: false);
        }

        var host = new Monitoring.ResourceSample { Target = "local", Kind = "host", CpuPercent = 42.5, MemoryUsedBytes = 1_073_741_824, MemoryTotalBytes = 4_294_967_296 };
        return (Second(1, 20, 12_000, [host], []), Second(2, 25, 15_000, [], []));
    }
}
