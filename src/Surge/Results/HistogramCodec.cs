using HdrHistogram;
using HdrHistogram.Utilities;

namespace Surge.Results;

/// <summary>HDR histograms to and from text: HdrHistogram's compressed V2 encoding in base64 (as in its log files).</summary>
public static class HistogramCodec
{
    /// <summary>Encodes a histogram.</summary>
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes a histogram written by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The text is not an encoded histogram.</exception>
    public static HistogramBase Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(text)), 0);
        }
        catch (Exception exception) when (exception is not FormatException)
        {
            throw new FormatException("The text is not an encoded HDR histogram.", exception);
        }
    }
}
