namespace Surge.Monitoring.Cgroups;

/// <summary>A control group's counters and limits at one moment, as the kernel gives them.</summary>
/// <param name="CpuUsageNanos">CPU time its tasks have used since it was made, nanoseconds.</param>
/// <param name="QuotaCores">Its CPU quota in cores, the tightest of it and its parents; null when none.</param>
/// <param name="CpusetCores">How many CPUs its cpuset lets it run on; null when unknown.</param>
/// <param name="Throttling">Its scheduler periods and throttling so far; null where the kernel does not count them.</param>
/// <param name="MemoryUsageBytes">Memory charged to it, page cache included, bytes.</param>
/// <param name="InactiveFileBytes">Page cache not recently used, which the kernel reclaims first; null when not reported.</param>
/// <param name="MemoryLimitBytes">Its memory limit, the tightest of it and its parents; null when none.</param>
/// <param name="SwapBytes">Swap it uses; null where swap is not accounted.</param>
internal sealed record CgroupReading(
    long CpuUsageNanos,
    double? QuotaCores,
    int? CpusetCores,
    CgroupThrottling? Throttling,
    long MemoryUsageBytes,
    long? InactiveFileBytes,
    long? MemoryLimitBytes,
    long? SwapBytes)
{
    /// <summary>The working set, as <c>docker stats</c> and the kubelet count it: usage less the inactive file cache.</summary>
    public long WorkingSetBytes => Math.Max(0, MemoryUsageBytes - (InactiveFileBytes ?? 0));
}
