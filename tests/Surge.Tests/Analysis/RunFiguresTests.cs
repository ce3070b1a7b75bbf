using Surge.Analysis;
using Surge.Metrics;
using Surge.Monitoring;
using Surge.Tests.Outcome;
using Surge.Timeline;

namespace Surge.Tests.Analysis;

public class RunFiguresTests
{
    [Fact]
    public void Figures_AreTheSummarysNumbers_LoadEndpointsAndScenarios()
    {
        var summary = SampleRun.Summary();

        var figures = RunFigures.Of(summary);

        double Value(string group, string name) => figures.Figures.Single(f => f.Key == new FigureKey(group, name)).Value!.Value;
        Assert.Equal("GET http://127.0.0.1:8080/", figures.Target);
        Assert.Equal(["default"], figures.Scenarios);
        Assert.Equal(summary.Tps, Value(FigureKey.Load, "TPS"), 9);
        Assert.Equal(summary.Metric("http_req_duration").PercentileMicros(95) / 1000, Value(FigureKey.Load, "p95"), 9);
        Assert.Equal(2.0, Value(FigureKey.Load, "errors"), 9); // 15 × 500 and 5 refused of 1,000
        Assert.Equal(0, Value(FigureKey.Endpoint("GET", "/fast"), "errors"));
        Assert.Equal(20.0, Value(FigureKey.Endpoint("GET", "/slow"), "errors"), 9);
        Assert.Equal(100, Value(FigureKey.Scenario("default"), "iterations/s"), 9); // 1,000 in 10 s
        Assert.True(figures.Figures.Single(f => f.Key == new FigureKey(FigureKey.Load, "TPS")).HigherIsBetter);
        Assert.False(figures.Figures.Single(f => f.Key == new FigureKey(FigureKey.Load, "p95")).HigherIsBetter);
    }

    [Fact]
    public void Series_CountOnlyLoadSeconds_WithTheirOwnTpsP95ErrorsAndCpu()
    {
        var registry = new MetricRegistry();
        var metrics = new BuiltinMetrics(registry);
        var ok = TagSet.Of("scenario", "default", "method", "GET", "name", "/a", "status", "200");
        var refused = ok.With("error", "refused");
        TimelineSecond Second(int at, double length, int responses, int failures, long micros, double? cpu)
        {
            var seconds = new List<SeriesSecond>();
            void Add(Metric metric, TagSet tags, Action<MetricAggregate> fill)
            {
                var values = MetricAggregate.Create(metric.Type, metric.Contains);
                fill(values);
                seconds.Add(SeriesSecond.Of(registry.GetSeries(metric, tags), values));
            }

            if (responses + failures > 0)
            {
                Add(metrics.HttpReqs, ok, v => v.AddCounter(responses));
                Add(metrics.HttpReqFailed, ok, v => Enumerable.Range(0, responses + failures).ToList().ForEach(i => v.AddRate(i < failures)));
                Add(metrics.HttpReqDuration, ok, v => Enumerable.Range(0, responses).ToList().ForEach(_ => v.AddTrendMicros(micros)));
            }

            if (failures > 0)
            {
                Add(metrics.HttpReqs, refused, v => v.AddCounter(failures));
            }

            IReadOnlyList<ResourceSample> samples = cpu is { } value ? [new ResourceSample { Target = "db", Kind = "process", CpuPercent = value, MemoryUsedBytes = 1_000 }] : [];
            return new TimelineSecond(DateTimeOffset.UnixEpoch.AddSeconds(at), TimeSpan.FromSeconds(at), TimeSpan.FromSeconds(length), seconds, samples, []);
        }

        var timeline = RunTimeline.Start(DateTimeOffset.UnixEpoch)
            .Append(Second(1, 1, 0, 0, 0, cpu: 3)) // before the load: not counted
            .Append(Second(2, 1, 100, 0, 10_000, cpu: 50))
            .Append(Second(3, 1, 90, 10, 20_000, cpu: 90))
            .Append(Second(4, 0.2, 5, 0, 90_000, cpu: 99)); // the cut-short last second: not counted

        var series = RunSeries.Of(timeline);

        Assert.Equal([100, 90], series[new(FigureKey.Load, "TPS")]);
        Assert.Equal([0, 10], series[new(FigureKey.Load, "errors")]);
        Assert.Equal(10, series[new(FigureKey.Load, "p95")][0], 0.1); // HDR precision
        Assert.Equal(20, series[new(FigureKey.Load, "p95")][1], 0.1);
        Assert.Equal([100, 90], series[new(FigureKey.Endpoint("GET", "/a"), "TPS")]);
        Assert.Equal([50, 90], series[new(FigureKey.Target("db"), "CPU avg")]);
    }
}
