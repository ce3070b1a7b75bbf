namespace Surge.Monitoring;

/// <summary>
/// One second of one monitored target: a host (CPU, memory, network, disk, TCP), a set of processes
/// (CPU, RSS, threads, file descriptors) or a control group (CPU against its quota, memory against its
/// limit, throttling). A field a source cannot measure is null.
/// </summary>
/// <remarks>
/// CPU of a host is the share of all its cores, 0–100 %. CPU of processes is counted as <c>top</c>
/// does, in percent of one core, so a process busy on two cores shows 200 %. CPU of a cgroup is the share
/// of what it may use, <see cref="CpuLimitCores"/>: 100 % is a container at its quota, however idle the host.
/// </remarks>
internal sealed record ResourceSample
{
    /// <summary>The target's label: <c>local</c>, <c>db</c> (from <c>--monitor db=process:postgres</c>), a host name.</summary>
    public required string Target { get; init; }

    /// <summary>What kind of target: <c>host</c>, <c>process</c> or <c>cgroup</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>CPU in percent: of all cores for a host, of one core for processes, of <see cref="CpuLimitCores"/> for a cgroup.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>
    /// The cores a cgroup may use, which its <see cref="CpuPercent"/> is a share of: its CPU quota, or where it
    /// has none the cores it may run on (its cpuset, else the host's), whichever is fewer (cgroups).
    /// </summary>
    public double? CpuLimitCores { get; init; }

    /// <summary>The cgroup's CPU quota in cores (quota ÷ period, the tightest of it and its parents); null when it has none (cgroups).</summary>
    public double? CpuQuotaCores { get; init; }

    /// <summary>Share of the second's scheduler periods in which the cgroup used up its quota and was held back, 0–100 % (cgroups with a quota).</summary>
    public double? CpuThrottledPercent { get; init; }

    /// <summary>How long the cgroup's threads were held back by its quota in the second, summed over its CPUs, milliseconds per second (cgroups with a quota).</summary>
    public double? CpuThrottledMillisPerSecond { get; init; }

    /// <summary>Per-core CPU in percent (hosts).</summary>
    public IReadOnlyList<double>? CoresPercent { get; init; }

    /// <summary>Load average over 1, 5 and 15 minutes (hosts).</summary>
    public IReadOnlyList<double>? LoadAverage { get; init; }

    /// <summary>
    /// Memory in use (hosts: total − available; processes: resident set size; cgroups: the working set,
    /// usage − inactive file cache, as <c>docker stats</c> and Kubernetes count it), bytes.
    /// </summary>
    public long? MemoryUsedBytes { get; init; }

    /// <summary>Memory still available (hosts), bytes.</summary>
    public long? MemoryAvailableBytes { get; init; }

    /// <summary>Memory in all (hosts), bytes.</summary>
    public long? MemoryTotalBytes { get; init; }

    /// <summary>The cgroup's memory limit (the tightest of it and its parents), bytes; null when it has none (cgroups).</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>Swap in use (hosts, cgroups where swap is accounted), bytes.</summary>
    public long? SwapUsedBytes { get; init; }

    /// <summary>Network received, bytes per second, loopback excluded (hosts).</summary>
    public double? NetworkRxBytesPerSecond { get; init; }

    /// <summary>Network sent, bytes per second, loopback excluded (hosts).</summary>
    public double? NetworkTxBytesPerSecond { get; init; }

    /// <summary>Disk read, bytes per second (hosts).</summary>
    public double? DiskReadBytesPerSecond { get; init; }

    /// <summary>Disk written, bytes per second (hosts).</summary>
    public double? DiskWriteBytesPerSecond { get; init; }

    /// <summary>
    /// The busiest disk's share of the second spent doing I/O, 0–100 % (hosts; <c>iostat</c>'s <c>%util</c>):
    /// at 100 % it always had requests in flight.
    /// </summary>
    public double? DiskBusyPercent { get; init; }
    /// <summary>TCP connections by state, e.g. <c>ESTABLISHED</c>, <c>TIME_WAIT</c> (hosts).</summary>
    public IReadOnlyDictionary<string, int>? TcpStates { get; init; }

    /// <summary>How many processes matched (processes).</summary>
    public int? Processes { get; init; }

    /// <summary>Threads of the matched processes (processes).</summary>
    public int? Threads { get; init; }

    /// <summary>Open file descriptors of the matched processes (processes).</summary>
    public int? OpenFiles { get; init; }
    /// <summary>
    /// How many file descriptors the matched processes may hold: the sum of each one's soft <c>RLIMIT_NOFILE</c>
    /// (<c>Max open files</c>), so for one process its own limit (processes; null where one is unlimited or unreadable).
    /// </summary>
    public long? OpenFilesLimit { get; init; }
}
