using System.Numerics;
using HdrHistogram;

namespace Surge.Metrics;

/// <summary>
/// A trend's values as one thread records them for one interval: counted in the buckets of the HDR histograms
/// they are added into (lowest value 1, 3 significant digits, as <see cref="MetricAggregate"/>'s), with each
/// bucket's counts made when a value first lands in it.
/// </summary>
/// <remarks>
/// A whole histogram's counts for the one-hour range are 94 KB in 32-bit counts, and every thread that records
/// keeps two of them (its buffer and the one being drained) for each trend series: at a few dozen thread-pool
/// threads that was tens of MiB per generator, most of it zeros. Here a thread pays 8 KB for the values below
/// 2,048 (the first bucket, one count per value) and 4 KB for each higher bucket it uses (each covers twice the
/// values of the one before, at the same 1,024 steps): a trend of sub-millisecond timings costs 8 KB, a spread of
/// latencies from 1 ms to 10 s about 40 KB.
/// </remarks>
internal sealed class BucketCounts
{
    // HdrHistogram's layout for 3 digits: 2,048 sub-buckets; bucket 0 holds the values 0-2,047 one by one, and
    // bucket b (b >= 1) the values 1,024 << b up to 2,048 << b in steps of 1 << b, as its upper half of sub-buckets.
    private const int HalfCountMagnitude = 10;
    private const int HalfCount = 1 << HalfCountMagnitude;
    private const long SubBucketMask = (2L << HalfCountMagnitude) - 1;
    private const int BucketIndexOffset = 64 - (HalfCountMagnitude + 1);

    private readonly int[]?[] _buckets;
    private ulong _used; // a bit per bucket that holds counts since the last reset

    /// <param name="highest">The largest value recorded (larger ones are the caller's to cap): at most 2^63 / 2^11.</param>
    public BucketCounts(long highest)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(highest, long.MaxValue >> (HalfCountMagnitude + 1));
        Highest = highest;
        _buckets = new int[]?[BucketOf(highest) + 1];
    }

    /// <summary>The largest value these counts hold.</summary>
    public long Highest { get; }

    /// <summary>Counts a value from 0 to <see cref="Highest"/>.</summary>
    public void Record(long value)
    {
        var bucket = BucketOf(value);
        var counts = _buckets[bucket] ?? Create(bucket);
        var subBucket = (int)(value >> bucket);
        counts[bucket == 0 ? subBucket : subBucket - HalfCount]++;
        _used |= 1UL << bucket;
    }

    /// <summary>Adds every count into <paramref name="target"/>, an HDR histogram of 3 significant digits holding values up to <see cref="Highest"/>.</summary>
    public void AddInto(HistogramBase target)
    {
        for (var used = _used; used != 0; used &= used - 1)
        {
            var bucket = BitOperations.TrailingZeroCount(used);
            var counts = _buckets[bucket]!;
            var first = bucket == 0 ? 0 : HalfCount;
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] != 0)
                {
                    target.RecordValueWithCount((long)(first + i) << bucket, counts[i]);
                }
            }
        }
    }

    /// <summary>Sets every count to zero; the buckets made so far are kept for the next interval.</summary>
    public void Reset()
    {
        for (var used = _used; used != 0; used &= used - 1)
        {
            Array.Clear(_buckets[BitOperations.TrailingZeroCount(used)]!);
        }

        _used = 0;
    }

    private static int BucketOf(long value) => BucketIndexOffset - BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask));

    private int[] Create(int bucket) => _buckets[bucket] = new int[bucket == 0 ? 2 * HalfCount : HalfCount];
}
