using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;

namespace Surge.Metrics;

/// <summary>HDR histograms to and from bytes and text: HdrHistogram's compressed V2 encoding (base64 as text, as in its log files).</summary>
/// <remarks>
/// Surge writes the encoding itself rather than through <c>HistogramEncoding.EncodeIntoCompressedByteBuffer</c>,
/// which copies the whole counts array twice into new arrays of about 190 KB (the large-object heap) for each
/// histogram: the engine encodes every trend series every second, in every generator and again in the
/// aggregator, and those copies kept a generator's heap tens of MiB larger than its VUs need. The uncompressed
/// block is the library's byte for byte (tests compare them); it is compressed as a whole zlib stream, header and
/// checksum (the library writes a header for a smaller window and no checksum, which HdrHistogram's own readers
/// skip but a plain zlib reader refuses), so HdrHistogram in any language, and zlib itself, read it. Likewise
/// <see cref="AddDecoded"/> adds an encoded histogram's counts into an existing one without building a histogram
/// of them first.
/// </remarks>
internal static class HistogramCodec
{
    // The V2 format (as HdrHistogram defines it): a big-endian header of 40 bytes, then each count of the counts
    // array as a ZigZag LEB128 number (up to 9 bytes), a run of two or more zero counts as its negated length.
    // Compressed: a cookie, the compressed length, then that whole block as a zlib stream (RFC 1950); readers
    // skip the stream's two header bytes and inflate what follows.
    private const int CookieV2 = 0x1c849303 | 0x10;
    private const int CompressedCookieV2 = 0x1c849304 | 0x10;
    private const int CookieBaseMask = ~0xf0;
    private const int HeaderBytes = 40;
    private const int MaxWordBytes = 9;

    /// <summary>Encodes a histogram as base64 text.</summary>
    public static string Encode(HistogramBase histogram) => Convert.ToBase64String(EncodeBytes(histogram));

    /// <summary>Encodes a histogram (compressed V2 encoding).</summary>
    public static byte[] EncodeBytes(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var plain = ArrayPool<byte>.Shared.Rent(4096);
        byte[]? packed = null;
        try
        {
            var plainLength = WritePlain(histogram, ref plain);
            packed = ArrayPool<byte>.Shared.Rent(plainLength + (plainLength >> 8) + 64);
            int packedLength;
            using (var target = new MemoryStream(packed, 0, packed.Length, writable: true))
            {
                using (var zlib = new ZLibStream(target, CompressionLevel.Optimal, leaveOpen: true))
                {
                    zlib.Write(plain, 0, plainLength);
                }

                packedLength = (int)target.Position;
            }

            var bytes = new byte[8 + packedLength];
            BinaryPrimitives.WriteInt32BigEndian(bytes, CompressedCookieV2);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), packedLength);
            packed.AsSpan(0, packedLength).CopyTo(bytes.AsSpan(8));
            return bytes;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
            if (packed is not null)
            {
                ArrayPool<byte>.Shared.Return(packed);
            }
        }
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

    /// <summary>
    /// Adds the counts of an encoded histogram (compressed V2, as <see cref="EncodeBytes"/> writes and HdrHistogram
    /// reads) into the histogram <paramref name="target"/> returns, which is given the encoded one's highest
    /// trackable value first so that it can make room for it.
    /// </summary>
    /// <exception cref="FormatException">The bytes are not an encoded histogram, or its values do not fit the target.</exception>
    public static void AddDecoded(byte[] bytes, Func<long, HistogramBase> target)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(target);
        if (bytes.Length < 10 || (BinaryPrimitives.ReadInt32BigEndian(bytes) & CookieBaseMask) != (CompressedCookieV2 & CookieBaseMask))
        {
            throw NotAHistogram(null);
        }

        var packedLength = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (packedLength < 2 || packedLength > bytes.Length - 8)
        {
            throw NotAHistogram(null);
        }

        byte[]? payload = null;
        try
        {
            using var source = new MemoryStream(bytes, 10, packedLength - 2, writable: false);
            using var inflate = new DeflateStream(source, CompressionMode.Decompress);
            Span<byte> header = stackalloc byte[HeaderBytes];
            inflate.ReadExactly(header);
            var layout = Layout.Read(header);
            payload = ArrayPool<byte>.Shared.Rent(layout.PayloadBytes);
            var counts = payload.AsSpan(0, layout.PayloadBytes);
            inflate.ReadExactly(counts);

            // Every count is read once before any is added: bytes that turn out malformed leave the target as it was.
            ForEachCount(counts, layout, static (_, _) => { });
            var histogram = target(layout.Highest);
            ForEachCount(counts, layout, (value, count) => histogram.RecordValueWithCount(value, count));
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            throw NotAHistogram(exception);
        }
        finally
        {
            if (payload is not null)
            {
                ArrayPool<byte>.Shared.Return(payload);
            }
        }
    }

    /// <summary>Calls <paramref name="add"/> with each value's lowest equivalent and its count, for the counts that are not zero.</summary>
    /// <exception cref="InvalidDataException">A number runs past the end, or a count lies beyond the histogram's counts.</exception>
    private static void ForEachCount(ReadOnlySpan<byte> counts, Layout layout, Action<long, long> add)
    {
        var index = 0L;
        var position = 0;
        while (position < counts.Length)
        {
            var count = ReadZigZag(counts, ref position);
            if (count < 0)
            {
                index -= count; // a run of zero counts
                continue;
            }

            if (index >= layout.Length)
            {
                throw new InvalidDataException("A count lies beyond the histogram's counts.");
            }

            if (count > 0)
            {
                add(layout.ValueAt((int)index), count);
            }

            index++;
        }
    }

    private static FormatException NotAHistogram(Exception? inner) => new("The text is not an encoded HDR histogram.", inner);

    /// <summary>Writes the uncompressed V2 block into <paramref name="buffer"/> (a pooled array, replaced by a larger one when full); returns its length.</summary>
    private static int WritePlain(HistogramBase histogram, ref byte[] buffer)
    {
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, CookieV2);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], 0); // normalizing index offset
        BinaryPrimitives.WriteInt32BigEndian(span[12..], histogram.NumberOfSignificantValueDigits);
        BinaryPrimitives.WriteInt64BigEndian(span[16..], histogram.LowestTrackableValue);
        BinaryPrimitives.WriteInt64BigEndian(span[24..], histogram.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(span[32..], 1.0); // integer-to-double conversion ratio
        var position = HeaderBytes;
        if (histogram.TotalCount == 0)
        {
            // HdrHistogram writes the counts up to the largest value's; with none recorded, that is one zero.
            WriteZigZag(ref buffer, ref position, 0);
        }
        else
        {
            // The counts array in order, up to the last count recorded (read by the lowest value of each index).
            var layout = Layout.Of(histogram.NumberOfSignificantValueDigits, histogram.LowestTrackableValue, histogram.HighestTrackableValue);
            var remaining = histogram.TotalCount;
            long zeros = 0;

            // Up to the last count recorded; the whole array if the counts do not add up to the total (an overflowed histogram).
            for (var index = 0; remaining > 0 && index < layout.Length; index++)
            {
                var count = histogram.GetCountAtValue(layout.ValueAt(index));
                if (count == 0)
                {
                    zeros++;
                    continue;
                }

                remaining -= count;

                if (zeros > 0)
                {
                    WriteZigZag(ref buffer, ref position, zeros == 1 ? 0 : -zeros);
                    zeros = 0;
                }

                WriteZigZag(ref buffer, ref position, count);
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(4), position - HeaderBytes);
        return position;
    }

    private static void WriteZigZag(ref byte[] buffer, ref int position, long value)
    {
        if (buffer.Length - position < MaxWordBytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, position).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        // LEB128 in 7-bit groups, lowest first; the ninth byte, if reached, carries the last 8 bits whole.
        var bits = (ulong)((value << 1) ^ (value >> 63));
        for (var i = 0; i < MaxWordBytes - 1; i++)
        {
            if (bits < 0x80)
            {
                buffer[position++] = (byte)bits;
                return;
            }

            buffer[position++] = (byte)(bits | 0x80);
            bits >>= 7;
        }

        buffer[position++] = (byte)bits;
    }

    private static long ReadZigZag(ReadOnlySpan<byte> payload, ref int position)
    {
        ulong bits = 0;
        var shift = 0;
        for (var i = 0; i < MaxWordBytes - 1; i++)
        {
            var next = payload[position++];
            bits |= (ulong)(next & 0x7f) << shift;
            if (next < 0x80)
            {
                return (long)(bits >> 1) ^ -(long)(bits & 1);
            }

            shift += 7;
        }

        bits |= (ulong)payload[position++] << shift;
        return (long)(bits >> 1) ^ -(long)(bits & 1);
    }

    /// <summary>What the V2 header says: how long the counts are, and which value each index of them stands for.</summary>
    private readonly record struct Layout(int PayloadBytes, long Highest, int HalfCountMagnitude, int UnitMagnitude, int Length)
    {
        /// <summary>The layout of a histogram's counts: its index to value mapping and how many counts it has (no payload).</summary>
        public static Layout Of(int digits, long lowest, long highest)
        {
            // The histogram's own layout: sub-buckets enough for the digits' single-unit resolution, in buckets
            // that each double the value range; the first bucket holds the whole sub-bucket count, the others
            // their upper half, and there are buckets enough to reach the highest value.
            var subBucketCountMagnitude = (int)Math.Ceiling(Math.Log2(2 * Math.Pow(10, digits)));
            var halfCountMagnitude = Math.Max(subBucketCountMagnitude, 1) - 1;
            var unitMagnitude = (int)Math.Floor(Math.Log2(lowest));
            var buckets = 1;
            for (var reach = ((2L << halfCountMagnitude) - 1) << unitMagnitude; reach < highest && reach > 0; reach <<= 1)
            {
                buckets++;
            }

            return new Layout(0, highest, halfCountMagnitude, unitMagnitude, (buckets + 1) << halfCountMagnitude);
        }

        public static Layout Read(ReadOnlySpan<byte> header)
        {
            var payloadBytes = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
            var digits = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
            var lowest = BinaryPrimitives.ReadInt64BigEndian(header[16..]);
            var highest = BinaryPrimitives.ReadInt64BigEndian(header[24..]);
            if ((BinaryPrimitives.ReadInt32BigEndian(header) & CookieBaseMask) != (CookieV2 & CookieBaseMask)
                || digits is < 0 or > 5 || lowest < 1 || highest < 2 * lowest || highest > long.MaxValue / 8)
            {
                throw new InvalidDataException("Not an HdrHistogram V2 header.");
            }

            var layout = Of(digits, lowest, highest);
            return payloadBytes < 0 || payloadBytes > (long)layout.Length * MaxWordBytes
                ? throw new InvalidDataException("The counts are longer than the histogram's.")
                : layout with { PayloadBytes = payloadBytes };
        }

        /// <summary>The lowest value that counts at <paramref name="index"/> (0 to <see cref="Length"/> - 1).</summary>
        public long ValueAt(int index)
        {
            var halfCount = 1 << HalfCountMagnitude;
            var bucket = (index >> HalfCountMagnitude) - 1;
            var subBucket = (index & (halfCount - 1)) + halfCount;
            if (bucket < 0)
            {
                subBucket -= halfCount;
                bucket = 0;
            }

            return (long)subBucket << (bucket + UnitMagnitude);
        }
    }
}
