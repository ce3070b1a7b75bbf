namespace Surge.Monitoring.Proc;

/// <summary>One reading of the host's /proc files; a file that does not exist leaves its part null.</summary>
/// <param name="Timestamp">When it was read, from the monitor's <see cref="TimeProvider"/>.</param>
/// <param name="Cpu">From <c>/proc/stat</c>.</param>
/// <param name="Memory">From <c>/proc/meminfo</c>.</param>
/// <param name="LoadAverage">From <c>/proc/loadavg</c>.</param>
/// <param name="Network">From <c>/proc/net/dev</c>, per interface.</param>
/// <param name="Disks">From <c>/proc/diskstats</c>, per whole disk.</param>
/// <param name="TcpStates">From <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>.</param>
internal sealed record HostSnapshot(
    long Timestamp,
    CpuStat Cpu,
    MemInfo Memory,
    IReadOnlyList<double>? LoadAverage,
    IReadOnlyDictionary<string, ByteCounters>? Network,
    IReadOnlyDictionary<string, ByteCounters>? Disks,
    IReadOnlyDictionary<string, int>? TcpStates)
{
    /// <summary>Reads the host files under <paramref name="procRoot"/>.</summary>
    /// <exception cref="MonitorException">stat or meminfo is missing, or a file could not be read or parsed.</exception>
    public static HostSnapshot Read(string procRoot, long timestamp)
    {
        string At(string relative) => Path.Combine(procRoot, relative);

        return new HostSnapshot(
            timestamp,
            ProcFiles.Read(At("stat"), StatParser.Parse),
            ProcFiles.Read(At("meminfo"), MemInfoParser.Parse),
            ProcFiles.TryRead(At("loadavg"), LoadAvgParser.Parse),
            ProcFiles.TryRead(At("net/dev"), NetDevParser.Parse),
            ProcFiles.TryRead(At("diskstats"), DiskStatsParser.Parse),
            ReadTcpStates(At("net/tcp"), At("net/tcp6")));
    }

    private static Dictionary<string, int>? ReadTcpStates(params string[] paths)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var anyFile = false;
        foreach (var path in paths)
        {
            // tcp6 is missing where IPv6 is disabled.
            anyFile |= ProcFiles.TryRead(path, text =>
            {
                TcpStatesParser.AddCounts(text, counts);
                return text;
            }) is not null;
        }

        return anyFile ? counts : null;
    }
}
