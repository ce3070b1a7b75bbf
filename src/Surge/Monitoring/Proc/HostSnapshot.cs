namespace Surge.Monitoring.Proc;

/// <summary>One reading of the host's /proc files; a file that does not exist leaves its part null.</summary>
/// <param name="Timestamp">When it was read, from the monitor's <see cref="TimeProvider"/>.</param>
/// <param name="Cpu">From <c>/proc/stat</c>.</param>
/// <param name="Memory">From <c>/proc/meminfo</c>.</param>
/// <param name="LoadAverage">From <c>/proc/loadavg</c>.</param>
/// <param name="Network">From <c>/proc/net/dev</c>, per physical interface (<see cref="PhysicalInterfaces"/>).</param>
/// <param name="Disks">From <c>/proc/diskstats</c>, per whole disk.</param>
/// <param name="DiskBusyMillis">From <c>/proc/diskstats</c>, per whole disk: milliseconds spent doing I/O.</param>
/// <param name="TcpStates">From <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>.</param>
internal sealed record HostSnapshot(
    long Timestamp,
    CpuStat Cpu,
    MemInfo Memory,
    IReadOnlyList<double>? LoadAverage,
    IReadOnlyDictionary<string, ByteCounters>? Network,
    IReadOnlyDictionary<string, ByteCounters>? Disks,
    IReadOnlyDictionary<string, long>? DiskBusyMillis,
    IReadOnlyDictionary<string, int>? TcpStates)
{
    /// <summary>Reads the host files under <paramref name="procRoot"/>, and which interfaces are virtual under <paramref name="sysRoot"/>.</summary>
    /// <exception cref="MonitorException">stat or meminfo is missing, or a file could not be read or parsed.</exception>
    public static HostSnapshot Read(string procRoot, string sysRoot, long timestamp)
    {
        string At(string relative) => Path.Combine(procRoot, relative);

        var disks = ProcFiles.TryRead(At("diskstats"), text => Tuple.Create(DiskStatsParser.Parse(text), DiskStatsParser.ParseBusyMillis(text)));
        return new HostSnapshot(
            timestamp,
            ProcFiles.Read(At("stat"), StatParser.Parse),
            ProcFiles.Read(At("meminfo"), MemInfoParser.Parse),
            ProcFiles.TryRead(At("loadavg"), LoadAvgParser.Parse),
            ProcFiles.TryRead(At("net/dev"), text => PhysicalInterfaces(NetDevParser.Parse(text), sysRoot)),
            disks?.Item1,
            disks?.Item2,
            ReadTcpStates(At("net/tcp"), At("net/tcp6")));
    }

    /// <summary>
    /// The interfaces that are not virtual (not in <c>/sys/devices/virtual/net</c>): bridges, veths, VLANs,
    /// bonds and tunnels carry traffic that a physical interface carries too, or that never leaves the
    /// host, and summing them would count a container's request two or three times. Inside a container,
    /// where every interface is virtual, all of them.
    /// </summary>
    private static IReadOnlyDictionary<string, ByteCounters> PhysicalInterfaces(IReadOnlyDictionary<string, ByteCounters> all, string sysRoot)
    {
        var virtualFolder = Path.Combine(sysRoot, "devices", "virtual", "net");
        HashSet<string> virtualNames;
        try
        {
            virtualNames = Directory.Exists(virtualFolder)
                ? [.. Directory.EnumerateDirectories(virtualFolder).Select(Path.GetFileName).OfType<string>()]
                : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return all;
        }

        var physical = all.Where(each => !virtualNames.Contains(each.Key)).ToDictionary(StringComparer.Ordinal);
        return physical.Count > 0 ? physical : all;
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
