using HdrHistogram;
using Surge.Metrics;

namespace Surge.Tests.Metrics;

public class BucketCountsTests
{
    [Theory]
    [InlineData(MetricAggregate.HighestTrackableMicros)]
    [InlineData(MetricAggregate.HighestTrackableNumberMicros)]
    public void AddInto_GivesTheCountsOfAHistogramOfTheSameValues(long highest)
    {
        var random = new Random(7);
        var counts = new BucketCounts(highest);
        var direct = new LongHistogram(highest, 3);
        long[] edges = [0, 1, 2_047, 2_048, 2_049, 4_095, 4_096, highest - 1, highest];
        foreach (var value in edges.Concat(Enumerable.Range(0, 50_000).Select(_ => (long)(Math.Pow(random.NextDouble(), 5) * highest))))
        {
            counts.Record(value);
            direct.RecordValue(value);
        }

        var added = new LongHistogram(highest, 3);
        counts.AddInto(added);

        Assert.Equal(direct.TotalCount, added.TotalCount);
        Assert.Equal(Counts(direct), Counts(added));
    }

    [Fact]
    public void Reset_ForgetsTheCounts_AndTheBucketsServeTheNextInterval()
    {
        var counts = new BucketCounts(MetricAggregate.HighestTrackableMicros);
        counts.Record(5);
        counts.Record(3_000_000);
        counts.Reset();
        counts.Record(7);

        var added = new LongHistogram(MetricAggregate.HighestTrackableMicros, 3);
        counts.AddInto(added);

        Assert.Equal([(7L, 1L)], Counts(added));
    }

    [Fact]
    public void AThreadBuffer_OfSubMillisecondTimings_HoldsOneBucket()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var buffer = new MetricAggregate(MetricType.Trend, MetricContains.Time, threadBuffer: true);
        for (var micros = 0; micros < 2_000; micros++)
        {
            buffer.AddTrendMicros(micros);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // One bucket of 2,048 counts; a whole histogram of the one-hour range was 94 KB of counts.
        Assert.True(allocated < 10_000, $"{allocated} bytes for a thread's buffer of one trend");
        var total = MetricAggregate.Create(MetricType.Trend);
        total.Add(buffer);
        Assert.Equal(2_000, total.Histogram!.TotalCount);
        Assert.Equal(999, total.PercentileMicros(50), 1.0);
    }

    [Fact]
    public void ThreadBuffers_AddedIntoAnAggregate_EqualOneAggregateOfAllValues()
    {
        var all = MetricAggregate.Create(MetricType.Trend);
        var buffers = new[] { new MetricAggregate(MetricType.Trend, threadBuffer: true), new MetricAggregate(MetricType.Trend, threadBuffer: true) };
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var micros = (long)(random.NextDouble() * random.NextDouble() * 5_000_000);
            all.AddTrendMicros(micros);
            buffers[i % 2].AddTrendMicros(micros);
        }

        var merged = MetricAggregate.Create(MetricType.Trend);
        merged.Add(buffers[0]);
        merged.Add(buffers[1]);

        Assert.Equal((all.Count, all.Sum, all.Min, all.Max), (merged.Count, merged.Sum, merged.Min, merged.Max));
        Assert.Equal(Counts(all.Histogram!), Counts(merged.Histogram!));
    }

    private static List<(long Value, long Count)> Counts(HistogramBase histogram) =>
        [.. histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))];
}
