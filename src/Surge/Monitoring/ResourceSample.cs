namespace Surge.Monitoring;

/// <summary>
/// One second of one monitored target: a host (CPU, memory, network, disk, TCP) or a set of processes
/// (CPU, RSS, threads, file descriptors). A field a source cannot measure is null.
/// </summary>
/// <remarks>
/// CPU of a host is the share of all its cores, 0–100 %. CPU of processes is counted as <c>top</c>
/// does, in percent of one core, so a process busy on two cores shows 200 %.
/// </remarks>
internal sealed record ResourceSample
{
    /// <summary>The target's label: <c>local</c>, <c>db</c> (from <c>--monitor db=process:postgres</c>), a host name.</summary>
    public required string Target { get; init; }

    /// <summary>What kind of target: <c>host</c> or <c>process</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>CPU in percent: of all cores for a host, of one core for processes.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Per-core CPU in percent (hosts).</summary>
    public IReadOnlyList<double>? CoresPercent { get; init; }

    /// <summary>Load average over 1, 5 and 15 minutes (hosts).</summary>
    public IReadOnlyList<double>? LoadAverage { get; init; }

    /// <summary>Memory in use (hosts: total − available; processes: resident set size), bytes.</summary>
    public long? MemoryUsedBytes { get; init; }

    /// <summary>Memory still available (hosts), bytes.</summary>
    public long? MemoryAvailableBytes { get; init; }

    /// <summary>Memory in all (hosts), bytes.</summary>
    public long? MemoryTotalBytes { get; init; }

    /// <summary>Swap in use (hosts), bytes.</summary>
    public long? SwapUsedBytes { get; init; }

    /// <summary>Network received, bytes per second, loopback excluded (hosts).</summary>
    public double? NetworkRxBytesPerSecond { get; init; }

    /// <summary>Network sent, bytes per second, loopback excluded (hosts).</summary>
    public double? NetworkTxBytesPerSecond { get; init; }

    /// <summary>Disk read, bytes per second (hosts).</summary>
    public double? DiskReadBytesPerSecond { get; init; }

    /// <summary>Disk written, bytes per second (hosts).</summary>
    public double? DiskWriteBytesPerSecond { get; init; }

    /// <summary>TCP connections by state, e.g. <c>ESTABLISHED</c>, <c>TIME_WAIT</c> (hosts).</summary>
    public IReadOnlyDictionary<string, int>? TcpStates { get; init; }

    /// <summary>How many processes matched (processes).</summary>
    public int? Processes { get; init; }

    /// <summary>Threads of the matched processes (processes).</summary>
    public int? Threads { get; init; }

    /// <summary>Open file descriptors of the matched processes (processes).</summary>
    public int? OpenFiles { get; init; }
}
