using System.Buffers.Binary;
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

    public static TheoryData<string> Shapes => ["empty", "one", "zero and one", "spread", "int counts", "added", "two digits", "wide", "lowest 1000"];

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
        var target = Empty(histogram);
        HistogramCodec.AddDecoded(theirs, _ => target);
        Assert.Equal(Counts(histogram), Counts(target));
    }

    [Fact]
    public void EncodeBytes_CompressesAsAWholeZlibStream_WhichZlibItselfReads()
    {
        var encoded = HistogramCodec.EncodeBytes(Make("spread"));

        // A zlib reader checks the stream's header and its checksum at the end (HdrHistogram's own readers skip both).
        using var zlib = new ZLibStream(new MemoryStream(encoded, 8, encoded.Length - 8), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        zlib.CopyTo(plain);

        Assert.Equal(Inflate(encoded), plain.ToArray());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddDecoded_IntoAnEmptyHistogram_GivesEveryCountBack(string shape)
    {
        var histogram = Make(shape);
        var target = Empty(histogram);

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

        // Cut short with its length made to agree; counts longer than the histogram's; a run of zeros past its end.
        var cut = good[..(good.Length - 20)];
        BinaryPrimitives.WriteInt32BigEndian(cut.AsSpan(4), cut.Length - 8);
        Assert.Throws<FormatException>(() => HistogramCodec.AddDecoded(cut, _ => target));
        var (header, counts) = Plain(good);
        Assert.Throws<FormatException>(() => HistogramCodec.AddDecoded(Packed(header, counts, length: 1 << 26), _ => target));
        Assert.Throws<FormatException>(() => HistogramCodec.AddDecoded(Packed(header, [.. counts, .. ZigZag(-10_000_000, 1)]), _ => target));
        Assert.Equal(0, target.TotalCount); // nothing of any of them was added
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
            "lowest 1000" => new LongHistogram(1_000, MetricAggregate.HighestTrackableMicros, 3),
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

    private static LongHistogram Empty(HistogramBase like) => new(like.LowestTrackableValue, like.HighestTrackableValue, like.NumberOfSignificantValueDigits);

    /// <summary>An encoding's uncompressed block, its header and its counts apart.</summary>
    private static (byte[] Header, byte[] Counts) Plain(byte[] encoded)
    {
        var plain = Inflate(encoded);
        return (plain[..40], plain[40..]);
    }

    /// <summary>A block compressed as the encoding does; its length field says <paramref name="length"/>, by default the counts' true length.</summary>
    private static byte[] Packed(byte[] header, byte[] counts, int? length = null)
    {
        var plain = header.Concat(counts).ToArray();
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(4), length ?? counts.Length);
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(plain);
        }

        var bytes = new byte[8 + packed.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x1c849314);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), (int)packed.Length);
        packed.ToArray().CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Numbers in the encoding's ZigZag LEB128, as HdrHistogram writes them.</summary>
    private static byte[] ZigZag(params long[] values)
    {
        var buffer = ByteBuffer.Allocate(9 * values.Length);
        foreach (var value in values)
        {
            ZigZagEncoding.PutLong(buffer, value);
        }

        var length = buffer.Position;
        buffer.Position = 0;
        return [.. Enumerable.Range(0, length).Select(_ => buffer.Get())];
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
