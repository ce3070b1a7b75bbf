using Surge.Monitoring.Proc;

namespace Surge.Monitoring.Cgroups;

/// <summary>
/// Watches one control group, the way Docker, Kubernetes and systemd cap a server: its CPU as a share of its
/// quota, its memory against its limit, and how often the quota held it back. 100 % CPU is a container at
/// its quota, however idle the host.
/// </summary>
/// <remarks>
/// In: the group's files, v1 or v2 (<see cref="CgroupReader"/>), on each <see cref="SampleAsync"/>, and the
/// host's core count from <c>/proc/stat</c>, once. Out: one <see cref="ResourceSample"/> of kind <c>cgroup</c>.
/// CPU is the group's CPU time over the interval since the previous sample, divided by what it may use: its
/// quota, or with no quota the cores it may run on (its cpuset, else the host's), whichever is fewer; null on
/// the first sample. Memory is the working set (usage − inactive file cache): the page cache a group fills by
/// reading files is charged to it, but the kernel drops it before it would kill anything, so counting it
/// would show a file server "at its limit" that is not.
/// </remarks>
internal sealed class CgroupMonitor : IMonitor
{
    private readonly Lock _lock = new();
    private readonly CgroupLayout _layout;
    private readonly string _procRoot;
    private readonly TimeProvider _time;
    private CgroupReading? _previous;
    private long _previousTimestamp;
    private int? _hostCores;

    /// <summary>Creates a monitor of a group already found; nothing is read until the first sample.</summary>
    /// <param name="layout">Where the group's files are.</param>
    /// <param name="label">The label its samples carry.</param>
    /// <param name="source">What it watches, for the banner: <c>cgroup:PATH</c> as the user wrote it.</param>
    /// <param name="procRoot">Where procfs is mounted, for the host's cores.</param>
    /// <param name="timeProvider">The clock that times the interval between samples; the system clock by default.</param>
    public CgroupMonitor(CgroupLayout layout, string label, string source, string procRoot = "/proc", TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(procRoot);
        _layout = layout;
        Label = label;
        Source = source;
        _procRoot = procRoot;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Label { get; }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceSample>> SampleAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var timestamp = _time.GetTimestamp();
            CgroupReading now;
            try
            {
                now = CgroupReader.Read(_layout);
            }
            catch (MonitorException)
            {
                _previous = null; // a group made again under the same path starts its counters at 0
                throw;
            }

            var before = _previous;
            var elapsed = before is null ? TimeSpan.Zero : _time.GetElapsedTime(_previousTimestamp, timestamp);
            var limitCores = LimitCores(now);
            var throttling = now.QuotaCores is null ? null : Throttling(before?.Throttling, now.Throttling, elapsed);
            var sample = new ResourceSample
            {
                Target = Label,
                Kind = "cgroup",
                CpuPercent = CpuPercent(before, now, elapsed, limitCores),
                CpuLimitCores = limitCores,
                CpuQuotaCores = now.QuotaCores,
                CpuThrottledPercent = throttling?.Percent,
                CpuThrottledMillisPerSecond = throttling?.MillisPerSecond,
                MemoryUsedBytes = now.WorkingSetBytes,
                MemoryLimitBytes = now.MemoryLimitBytes,
                SwapUsedBytes = now.SwapBytes,
            };
            _previous = now;
            _previousTimestamp = timestamp;
            return Task.FromResult<IReadOnlyList<ResourceSample>>([sample]);
        }
    }

    /// <summary>Nothing to release: no file stays open between samples.</summary>
    public void Dispose()
    {
    }

    private static double? CpuPercent(CgroupReading? before, CgroupReading now, TimeSpan elapsed, double? limitCores)
    {
        if (before is null || elapsed <= TimeSpan.Zero || limitCores is not > 0 || now.CpuUsageNanos < before.CpuUsageNanos)
        {
            return null;
        }

        var coresUsed = (now.CpuUsageNanos - before.CpuUsageNanos) / (elapsed.TotalSeconds * 1e9);
        return coresUsed / limitCores.Value * 100;
    }

    private static (double Percent, double MillisPerSecond)? Throttling(CgroupThrottling? before, CgroupThrottling? now, TimeSpan elapsed)
    {
        if (before is null || now is null || elapsed <= TimeSpan.Zero || now.Periods < before.Periods || now.Throttled < before.Throttled || now.ThrottledNanos < before.ThrottledNanos)
        {
            return null;
        }

        var periods = now.Periods - before.Periods;
        var percent = periods == 0 ? 0 : 100.0 * (now.Throttled - before.Throttled) / periods; // no period ran: nothing wanted the CPU
        return (percent, (now.ThrottledNanos - before.ThrottledNanos) / 1e6 / elapsed.TotalSeconds);
    }

    /// <summary>What the group may use, in cores: its quota, capped by the cores it may run on.</summary>
    private double? LimitCores(CgroupReading now)
    {
        var host = HostCores();
        double? cores = now.CpusetCores is { } cpuset ? Math.Min(cpuset, host ?? cpuset) : host;
        return now.QuotaCores is { } quota ? Math.Min(quota, cores ?? quota) : cores;
    }

    /// <summary>The host's online cores, from the <c>cpuN</c> lines of <c>/proc/stat</c>, read once; null where it cannot be read.</summary>
    /// <remarks>Not <see cref="Environment.ProcessorCount"/>: in a container .NET lowers it to Surge's own quota.</remarks>
    private int? HostCores()
    {
        if (_hostCores is null)
        {
            try
            {
                var text = ProcFiles.TryReadText(Path.Combine(_procRoot, "stat"));
                _hostCores = text is null ? 0 : StatParser.Parse(text).Cores.Count;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                _hostCores = 0;
            }
        }

        return _hostCores > 0 ? _hostCores : null;
    }
}
