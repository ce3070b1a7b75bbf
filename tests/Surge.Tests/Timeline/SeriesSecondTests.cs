using Surge.Metrics;
using Surge.Timeline;

namespace Surge.Tests.Timeline;

public class SeriesSecondTests
{
    [Fact]
    public void Of_ThenToAggregate_KeepsEveryStatisticAndThePercentiles()
    {
        var registry = new MetricRegistry();
        var metrics = new BuiltinMetrics(registry);
        var values = MetricAggregate.Create(MetricType.Trend);
        for (var micros = 100; micros <= 90_000; micros += 37)
        {
            values.AddTrendMicros(micros);
        }

        var second = SeriesSecond.Of(registry.GetSeries(metrics.HttpReqDuration, TagSet.Empty), values);
        var back = second.ToAggregate();

        Assert.Equal(values.Count, back.Count);
        Assert.Equal(values.Sum, back.Sum);
        Assert.Equal(values.Min, back.Min);
        Assert.Equal(values.Max, back.Max);
        Assert.Equal(values.PercentileMicros(95), back.PercentileMicros(95));
        Assert.Equal(values.PercentileMicros(50), back.PercentileMicros(50));
    }

    [Fact]
    public void Equals_SameSeriesOfTwoRegistries_AreEqual_AnotherHistogramIsNot()
    {
        SeriesSecond Second(long micros)
        {
            var registry = new MetricRegistry();
            var metrics = new BuiltinMetrics(registry);
            var values = MetricAggregate.Create(MetricType.Trend);
            values.AddTrendMicros(micros);
            return SeriesSecond.Of(registry.GetSeries(metrics.HttpReqDuration, TagSet.Of("status", "200")), values);
        }

        Assert.Equal(Second(1_000), Second(1_000));
        Assert.NotEqual(Second(1_000), Second(9_000));
    }

    [Fact]
    public void RunTimeline_Append_LeavesTheTimelineItWasMadeFromAsItWas()
    {
        var start = RunTimeline.Start(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var second = new TimelineSecond(start.StartTime.AddSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), [], [], [new TestEvent(EventKind.Monitor, TimeSpan.FromSeconds(0.5), "agent back")]);

        var one = start.Append(second);
        var two = one.Append(second with { Elapsed = TimeSpan.FromSeconds(2), Events = [] });

        Assert.Empty(start.Seconds);
        Assert.Single(one.Seconds);
        Assert.Equal(2, two.Seconds.Count);
        Assert.Single(two.Events);
    }
}
