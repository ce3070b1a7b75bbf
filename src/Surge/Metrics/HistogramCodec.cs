using HdrHistogram;
using HdrHistogram.Utilities;

namespace Surge.Metrics;

/// <summary>HDR histograms to and from bytes and text: HdrHistogram's compressed V2 encoding (base64 as text, as in its log files).</summary>
internal static class HistogramCodec
{
    // Encoding needs a buffer the size of the whole counts array (~190 KB for a one-hour range); the
    // engine encodes every trend series every second, so the buffer is kept rather than made each time.
    [ThreadStatic]
    private static ByteBuffer? t_buffer;

    /// <summary>Encodes a histogram as base64 text.</summary>
    public static string Encode(HistogramBase histogram) => Convert.ToBase64String(EncodeBytes(histogram));

    /// <summary>Encodes a histogram (compressed V2 encoding).</summary>
    public static byte[] EncodeBytes(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var needed = histogram.GetNeededByteBufferCapacity();
        var buffer = t_buffer is { } kept && kept.Capacity() >= needed ? kept : t_buffer = ByteBuffer.Allocate(needed);
        buffer.Position = 0;
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return bytes;
    }

    /// <summary>Decodes a histogram written by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The text is not an encoded histogram.</exception>
    public static HistogramBase Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DecodeBytes(Convert.FromBase64String(text));
    }

    /// <summary>Decodes a histogram written by <see cref="EncodeBytes"/>.</summary>
    /// <exception cref="FormatException">The bytes are not an encoded histogram.</exception>
    public static HistogramBase DecodeBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), 0);
        }
        catch (Exception exception) when (exception is not FormatException)
        {
            throw new FormatException("The text is not an encoded HDR histogram.", exception);
        }
    }
}
