using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;
using Surge.Metrics;

namespace Surge.Tests.Results;

public class HistogramCodecTests
{
    [Fact]
    public void EncodeBytes_ThenDecode_GivesTheSameCountsAndPercentiles()
    {
        var histogram = new LongHistogram(3_600_000_000, 3);
        for (var value = 1; value <= 10_000; value += 7)
        {
            histogram.RecordValue(value * 13L);
        }

        var decoded = HistogramCodec.DecodeBytes(HistogramCodec.EncodeBytes(histogram));

        Assert.Equal(histogram.TotalCount, decoded.TotalCount);
        foreach (var percentile in new[] { 50.0, 90, 99, 99.9 })
        {
            Assert.Equal(histogram.GetValueAtPercentile(percentile), decoded.GetValueAtPercentile(percentile));
        }
    }

    [Fact]
    public void Encode_TextIsBase64OfTheBytes_AndSmallerHistogramsAfterABigOneEncodeTheSame()
    {
        var big = new LongHistogram(3_600_000_000, 3);
        big.RecordValue(3_000_000_000);
        var small = new LongHistogram(1_000, 3);
        small.RecordValue(42);

        _ = HistogramCodec.EncodeBytes(big); // leaves a larger buffer behind for the next encoding
        var text = HistogramCodec.Encode(small);

        Assert.Equal(Convert.ToBase64String(HistogramCodec.EncodeBytes(small)), text);
        Assert.Equal(42, HistogramCodec.Decode(text).GetMaxValue());
    }

    [Fact]
    public void Decode_NotAHistogram_IsAFormatException() =>
        Assert.Throws<FormatException>(() => HistogramCodec.DecodeBytes([1, 2, 3, 4, 5, 6, 7, 8]));

    public static TheoryData<string> Shapes => ["empty", "one", "zero and one", "spread", "int counts", "added", "two digits", "wide"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EncodeBytes_HoldsHdrHistogramsOwnEncoding_AndEachSideReadsTheOthers(string shape)
    {
        var histogram = Make(shape);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        var theirs = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            theirs[i] = buffer.Get();
        }

        var ours = HistogramCodec.EncodeBytes(histogram);

        // HdrHistogram compresses its whole working buffer, the encoding and the unused zeros after it.
        var (oursPlain, theirsPlain) = (Inflate(ours), Inflate(theirs));
        Assert.Equal(theirsPlain[..oursPlain.Length], oursPlain);
        Assert.All(theirsPlain[oursPlain.Length..], b => Assert.Equal(0, b));
        Assert.Equal(Counts(histogram), Counts(HistogramCodec.DecodeBytes(ours)));
        var target = new LongHistogram(histogram.HighestTrackableValue, histogram.NumberOfSignificantValueDigits);
        HistogramCodec.AddDecoded(theirs, _ => target);
        Assert.Equal(Counts(histogram), Counts(target));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddDecoded_IntoAnEmptyHistogram_GivesEveryCountBack(string shape)
    {
        var histogram = Make(shape);
        var target = new LongHistogram(histogram.HighestTrackableValue, histogram.NumberOfSignificantValueDigits);

        HistogramCodec.AddDecoded(HistogramCodec.EncodeBytes(histogram), _ => target);

        Assert.Equal(histogram.TotalCount, target.TotalCount);
        Assert.Equal(Counts(histogram), Counts(target));
        Assert.Equal(histogram.GetMaxValue(), target.GetMaxValue());
    }

    [Fact]
    public void AddEncodedHistogram_OfAWiderRange_WidensTheAggregate()
    {
        var time = MetricAggregate.Create(MetricType.Trend);
        time.AddTrendMicros(1_500);
        var bytes = new LongHistogram(MetricAggregate.HighestTrackableNumberMicros, 3);
        bytes.RecordValue(50_000_000_000_000);

        time.AddEncodedHistogram(HistogramCodec.EncodeBytes(bytes));

        Assert.Equal(MetricAggregate.HighestTrackableNumberMicros, time.Histogram!.HighestTrackableValue);
        Assert.Equal(2, time.Histogram.TotalCount);
        Assert.Equal(50_000_000_000_000, time.Histogram.GetValueAtPercentile(100), 50_000_000_000_000 / 1000.0);
    }

    [Fact]
    public void AddDecoded_NotAHistogram_IsAFormatException()
    {
        var good = HistogramCodec.EncodeBytes(Make("spread"));
        var target = new LongHistogram(MetricAggregate.HighestTrackableMicros, 3);

        Assert.Throws<FormatException>(() => HistogramCodec.AddDecoded([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], _ => target));
        Assert.Throws<FormatException>(() => HistogramCodec.AddDecoded(good[..(good.Length / 2)], _ => target));
        var corrupt = (byte[])good.Clone();
        corrupt[12] ^= 0xff;
        Assert.Throws<FormatException>(() => HistogramCodec.AddDecoded(corrupt, _ => target));
    }

    [Fact]
    public void EncodeBytes_OfARunsHistogram_MakesNoCopyOfItsCounts()
    {
        var histogram = Make("spread"); // a one-hour range: 188 KB of counts
        _ = HistogramCodec.EncodeBytes(histogram); // the pool's buffers, once

        var before = GC.GetAllocatedBytesForCurrentThread();
        var encoded = HistogramCodec.EncodeBytes(histogram);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The encoding itself, a few small objects and a stream's buffer: far from the counts' size.
        Assert.True(allocated < encoded.Length + 16_384, $"{allocated} bytes allocated for {encoded.Length} encoded");
    }

    private static HistogramBase Make(string shape)
    {
        var random = new Random(shape.GetHashCode(StringComparison.Ordinal));
        HistogramBase histogram = shape switch
        {
            "int counts" => new IntHistogram(MetricAggregate.HighestTrackableMicros, 3),
            "two digits" => new LongHistogram(1_000_000, 2),
            "wide" => new LongHistogram(MetricAggregate.HighestTrackableNumberMicros, 3),
            _ => new LongHistogram(MetricAggregate.HighestTrackableMicros, 3),
        };
        switch (shape)
        {
            case "one":
                histogram.RecordValue(1_234);
                break;
            case "zero and one":
                histogram.RecordValueWithCount(0, 3);
                histogram.RecordValue(1);
                break;
            case "added":
                var other = new LongHistogram(MetricAggregate.HighestTrackableMicros, 3);
                for (var i = 0; i < 5_000; i++)
                {
                    histogram.RecordValue((long)(random.NextDouble() * 40_000));
                    other.RecordValue((long)(random.NextDouble() * random.NextDouble() * 3_000_000_000));
                }

                histogram.Add(other);
                break;
            case not "empty":
                var top = histogram.HighestTrackableValue;
                for (var i = 0; i < 20_000; i++)
                {
                    histogram.RecordValueWithCount((long)(Math.Pow(random.NextDouble(), 4) * top), 1 + random.Next(3));
                }

                break;
        }

        return histogram;
    }

    /// <summary>The uncompressed block of an encoding: after the cookie, the length and the two zlib header bytes, a deflate stream.</summary>
    private static byte[] Inflate(byte[] encoded)
    {
        using var inflate = new DeflateStream(new MemoryStream(encoded, 10, encoded.Length - 10), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        inflate.CopyTo(plain);
        return plain.ToArray();
    }

    private static List<(long Value, long Count)> Counts(HistogramBase histogram) =>
        [.. histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))];
}
