namespace Surge.Monitoring.Proc;

/// <summary>
/// Byte counters of one device since boot: for a network interface received (in) and sent (out), for a
/// disk read (in) and written (out).
/// </summary>
/// <param name="InBytes">Bytes received or read.</param>
/// <param name="OutBytes">Bytes sent or written.</param>
internal readonly record struct ByteCounters(long InBytes, long OutBytes)
{
    /// <summary>
    /// Bytes per second in and out over all devices between two readings; null when a reading is missing or
    /// no time passed.
    /// </summary>
    /// <remarks>
    /// Only devices present in both readings count, and a counter that went down is skipped: an interface
    /// that appeared, vanished or was re-created (a container's veth) says nothing about this interval.
    /// </remarks>
    public static (double InPerSecond, double OutPerSecond)? RatesPerSecond(
        IReadOnlyDictionary<string, ByteCounters>? before,
        IReadOnlyDictionary<string, ByteCounters>? after,
        TimeSpan elapsed)
    {
        if (before is null || after is null || elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        long inBytes = 0;
        long outBytes = 0;
        foreach (var (device, now) in after)
        {
            if (!before.TryGetValue(device, out var then))
            {
                continue;
            }

            inBytes += Math.Max(0, now.InBytes - then.InBytes);
            outBytes += Math.Max(0, now.OutBytes - then.OutBytes);
        }

        var seconds = elapsed.TotalSeconds;
        return (inBytes / seconds, outBytes / seconds);
    }
}
