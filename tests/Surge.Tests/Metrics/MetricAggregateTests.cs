using Surge.Metrics;

namespace Surge.Tests.Metrics;

public class MetricAggregateTests
{
    [Fact]
    public void Add_TwoTrendHalves_EqualsOneTrendOfAllValues()
    {
        var all = MetricAggregate.Create(MetricType.Trend);
        var first = MetricAggregate.Create(MetricType.Trend);
        var second = MetricAggregate.Create(MetricType.Trend);
        var random = new Random(42);
        for (var i = 0; i < 10_000; i++)
        {
            var micros = (long)(random.NextDouble() * random.NextDouble() * 2_000_000);
            all.AddTrendMicros(micros);
            (i % 3 == 0 ? first : second).AddTrendMicros(micros);
        }

        var merged = MetricAggregate.Create(MetricType.Trend);
        merged.Add(first);
        merged.Add(second);

        Assert.Equal(all.Count, merged.Count);
        Assert.Equal(all.Sum, merged.Sum);
        Assert.Equal(all.Min, merged.Min);
        Assert.Equal(all.Max, merged.Max);
        foreach (var p in new[] { 50, 90, 95, 99, 99.9 })
        {
            Assert.Equal(all.PercentileMicros(p), merged.PercentileMicros(p));
        }
    }

    [Fact]
    public void PercentileMicros_UniformValues_IsWithinThreeSignificantDigits()
    {
        var trend = MetricAggregate.Create(MetricType.Trend);
        for (var micros = 1; micros <= 100_000; micros++)
        {
            trend.AddTrendMicros(micros);
        }

        Assert.InRange(trend.PercentileMicros(95), 95_000 * 0.999, 95_000 * 1.001);
        Assert.InRange(trend.PercentileMicros(50), 50_000 * 0.999, 50_000 * 1.001);
        Assert.Equal(50_000.5, trend.MeanMicros);
        Assert.Equal(1, trend.Min);
        Assert.Equal(100_000, trend.Max);
        Assert.Equal(100_000, trend.PercentileMicros(100));
    }

    [Fact]
    public void AddTrendMicros_BeyondOneHour_CapsPercentilesButKeepsAvgAndMaxExact()
    {
        var trend = MetricAggregate.Create(MetricType.Trend, MetricContains.Time);
        trend.AddTrendMicros(-5);
        trend.AddTrendMicros(10_000_000_000);

        Assert.Equal(2, trend.Count);
        Assert.Equal(0, trend.Min);
        Assert.Equal(10_000_000_000, trend.Max);
        Assert.Equal(5_000_000_000, trend.MeanMicros);
        Assert.InRange(trend.PercentileMicros(99), MetricAggregate.HighestTrackableMicros, MetricAggregate.HighestTrackableMicros * 1.001);
    }

    [Fact]
    public void NumberTrend_ValuesBeyondOneHourOfMicros_KeepTheirPercentiles()
    {
        var bytes = MetricAggregate.Create(MetricType.Trend, MetricContains.Data);
        for (var megabytes = 1; megabytes <= 100; megabytes++)
        {
            bytes.AddTrendMicros(megabytes * 1_000_000L * 1000);
        }

        Assert.InRange(bytes.PercentileMicros(50), 50e9 * 0.999, 50e9 * 1.001);
        Assert.InRange(bytes.PercentileMicros(95), 95e9 * 0.999, 95e9 * 1.001);
        Assert.Equal(100e9, bytes.Max);
    }

    [Fact]
    public void Add_NumberTrendIntoAnAggregateMadeWithoutItsKind_WidensInsteadOfThrowing()
    {
        var bytes = MetricAggregate.Create(MetricType.Trend, MetricContains.Default);
        bytes.AddTrendMicros(50_000_000_000);
        var time = MetricAggregate.Create(MetricType.Trend);
        time.AddTrendMicros(1_000);

        var merged = MetricAggregate.Create(MetricType.Trend);
        merged.Add(time);
        merged.Add(bytes);

        Assert.Equal(2, merged.Count);
        Assert.InRange(merged.PercentileMicros(99), 50e9 * 0.999, 50e9 * 1.001);
        Assert.InRange(merged.PercentileMicros(10), 1_000, 1_001);
    }

    [Fact]
    public void Rate_CountsTrueShare()
    {
        var rate = MetricAggregate.Create(MetricType.Rate);
        rate.AddRate(true);
        rate.AddRate(false);
        rate.AddRate(false);
        rate.AddRate(false);

        Assert.Equal(0.25, rate.Rate);
        Assert.Equal(1, rate.Trues);
        Assert.Equal(4, rate.Count);
    }

    [Fact]
    public void Add_DifferentTypes_Throws() =>
        Assert.Throws<ArgumentException>(() => MetricAggregate.Create(MetricType.Trend).Add(MetricAggregate.Create(MetricType.Counter)));
}
