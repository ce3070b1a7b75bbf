namespace Surge.Monitoring.Proc;

/// <summary>
/// Watches the Linux host Surge runs on, from <c>/proc</c>: CPU (all cores and each core), load average,
/// memory and swap, network (physical interfaces) and disk throughput, TCP connections by state.
/// </summary>
/// <remarks>
/// In: <c>/proc/stat</c>, <c>meminfo</c>, <c>loadavg</c>, <c>net/dev</c>, <c>diskstats</c>, <c>net/tcp</c> and
/// <c>net/tcp6</c>, read on each <see cref="SampleAsync"/>. Out: one <see cref="ResourceSample"/> of kind
/// <c>host</c>. CPU and throughput are over the time since the previous call, so the first sample has them
/// null; memory, load and TCP states are filled from the first.
/// </remarks>
internal sealed class LocalHostMonitor : IMonitor
{
    private readonly Lock _lock = new();
    private readonly string _procRoot;
    private readonly string _sysRoot;
    private readonly TimeProvider _time;
    private HostSnapshot? _previous;

    /// <summary>Creates a monitor of this host; nothing is read until the first sample.</summary>
    /// <param name="label">The label its samples carry.</param>
    /// <param name="procRoot">
    /// Where procfs is mounted: <c>/proc</c>, or e.g. <c>/host/proc</c> in a container that mounts the host's.
    /// </param>
    /// <param name="timeProvider">The clock that times the interval between samples; the system clock by default.</param>
    /// <param name="sysRoot">Where sysfs is mounted, which tells virtual network interfaces from physical ones.</param>
    public LocalHostMonitor(string label = "local", string procRoot = "/proc", TimeProvider? timeProvider = null, string sysRoot = "/sys")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(procRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(sysRoot);
        Label = label;
        _procRoot = procRoot;
        _sysRoot = sysRoot;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Label { get; }

    /// <inheritdoc />
    public string Source => "local";

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceSample>> SampleAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = HostSnapshot.Read(_procRoot, _sysRoot, _time.GetTimestamp());
            var sample = ToSample(_previous, now);
            _previous = now;
            return Task.FromResult<IReadOnlyList<ResourceSample>>([sample]);
        }
    }

    /// <summary>Nothing to release: no file stays open between samples.</summary>
    public void Dispose()
    {
    }

    private ResourceSample ToSample(HostSnapshot? before, HostSnapshot now)
    {
        var elapsed = before is null ? TimeSpan.Zero : _time.GetElapsedTime(before.Timestamp, now.Timestamp);
        var network = ByteCounters.RatesPerSecond(before?.Network, now.Network, elapsed);
        var disks = ByteCounters.RatesPerSecond(before?.Disks, now.Disks, elapsed);
        return new ResourceSample
        {
            Target = Label,
            Kind = "host",
            CpuPercent = before is null ? null : CpuTimes.BusyPercent(before.Cpu.All, now.Cpu.All),
            CoresPercent = before is null ? null : CoresPercent(before.Cpu.Cores, now.Cpu.Cores),
            LoadAverage = now.LoadAverage,
            MemoryUsedBytes = now.Memory.UsedBytes,
            MemoryAvailableBytes = now.Memory.AvailableBytes,
            MemoryTotalBytes = now.Memory.TotalBytes,
            SwapUsedBytes = now.Memory.SwapUsedBytes,
            NetworkRxBytesPerSecond = network?.InPerSecond,
            NetworkTxBytesPerSecond = network?.OutPerSecond,
            DiskReadBytesPerSecond = disks?.InPerSecond,
            DiskWriteBytesPerSecond = disks?.OutPerSecond,
            DiskBusyPercent = DiskStatsParser.BusiestPercent(before?.DiskBusyMillis, now.DiskBusyMillis, elapsed),
            TcpStates = now.TcpStates,
        };
    }

    private static double[]? CoresPercent(IReadOnlyList<CpuTimes> before, IReadOnlyList<CpuTimes> now)
    {
        // A core that went offline or came online shifts the cpuN lines; no per-core figure beats a wrong one.
        if (before.Count != now.Count || now.Count == 0)
        {
            return null;
        }

        var percents = new double[now.Count];
        for (var i = 0; i < now.Count; i++)
        {
            if (CpuTimes.BusyPercent(before[i], now[i]) is not { } percent)
            {
                return null;
            }

            percents[i] = percent;
        }

        return percents;
    }
}
