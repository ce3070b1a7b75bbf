using System.Globalization;
using System.Text.RegularExpressions;

namespace Surge.Monitoring.Proc;

/// <summary>Reads <c>/proc/diskstats</c>.</summary>
internal static partial class DiskStatsParser
{
    // diskstats counts in 512-byte sectors whatever the device's real sector size (Documentation/block/stat.rst).
    private const long BytesPerSector = 512;

    /// <summary>
    /// Parses the text of <c>/proc/diskstats</c> into bytes read (in) and written (out) per whole disk.
    /// Partitions, loop and RAM devices, and device-mapper and md volumes are left out, since their I/O is
    /// either not disk I/O or already counted on the disks beneath them.
    /// </summary>
    /// <exception cref="FormatException">A disk line is malformed.</exception>
    public static IReadOnlyDictionary<string, ByteCounters> Parse(string text)
    {
        var disks = new Dictionary<string, ByteCounters>(StringComparer.Ordinal);
        foreach (var fields in WholeDisks(text, columns: 10))
        {
            disks[fields[2]] = new ByteCounters(Number(fields[5]) * BytesPerSector, Number(fields[9]) * BytesPerSector);
        }

        return disks;
    }

    /// <summary>
    /// Parses the text of <c>/proc/diskstats</c> into the milliseconds each whole disk spent doing I/O since boot
    /// (its 10th statistic, what <c>iostat</c>'s <c>%util</c> is made of); the same disks as <see cref="Parse"/>.
    /// </summary>
    /// <exception cref="FormatException">A disk line is malformed.</exception>
    public static IReadOnlyDictionary<string, long> ParseBusyMillis(string text)
    {
        var disks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var fields in WholeDisks(text, columns: 13))
        {
            disks[fields[2]] = Number(fields[12]);
        }

        return disks;
    }

    /// <summary>
    /// The busiest disk's share of <paramref name="elapsed"/> spent doing I/O, 0–100 %, from two readings of
    /// <see cref="ParseBusyMillis"/>; null without both or when no time passed. A disk busy 100 % of the time
    /// has requests waiting at every moment: more I/O only queues.
    /// </summary>
    public static double? BusiestPercent(IReadOnlyDictionary<string, long>? before, IReadOnlyDictionary<string, long>? after, TimeSpan elapsed)
    {
        if (before is null || after is null || elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        double? busiest = null;
        foreach (var (disk, now) in after)
        {
            if (before.TryGetValue(disk, out var then) && now >= then)
            {
                busiest = Math.Max(busiest ?? 0, Math.Min(100, (now - then) / elapsed.TotalMilliseconds * 100));
            }
        }

        return busiest;
    }

    /// <summary>True for a physical whole disk such as <c>sda</c>, <c>vda</c>, <c>nvme0n1</c> or <c>mmcblk0</c>.</summary>
    public static bool IsWholeDisk(string device) => !Partition().IsMatch(device) && !NotADisk().IsMatch(device);

    /// <summary>The columns of each whole disk's line, which must have at least <paramref name="columns"/> of them.</summary>
    private static IEnumerable<string[]> WholeDisks(string text, int columns)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || !IsWholeDisk(fields[2]))
            {
                continue;
            }

            if (fields.Length < columns)
            {
                throw new FormatException($"/proc/diskstats line for '{fields[2]}' has {fields.Length} columns, expected at least 14.");
            }

            yield return fields;
        }
    }

    // sda1, vdb2, xvda1, hdc3; nvme0n1p1, mmcblk0p2 (those disk names end in a digit, hence the 'p').
    [GeneratedRegex(@"^(?:(?:[hsv]|xv)d[a-z]+\d+|(?:nvme\d+n\d+|mmcblk\d+)p\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Partition();

    [GeneratedRegex(@"^(?:loop|ram|zram|dm-|md)\d", RegexOptions.CultureInvariant)]
    private static partial Regex NotADisk();

    private static long Number(string field) => long.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture);
}
