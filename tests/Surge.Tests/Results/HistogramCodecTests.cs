using HdrHistogram;
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
}
