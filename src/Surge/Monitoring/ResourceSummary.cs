namespace Surge.Monitoring;

/// <summary>One monitored target over the whole run: what the summary shows beside TPS and latency.</summary>
/// <param name="Target">The target's label.</param>
/// <param name="Kind"><c>host</c>, <c>process</c> or <c>cgroup</c>.</param>
/// <param name="Samples">Seconds sampled.</param>
/// <param name="CpuAverage">Mean CPU %, of all cores for a host, of one core for processes, of <see cref="CpuLimitCores"/> for a cgroup; null when never measured.</param>
/// <param name="CpuPeak">Highest CPU % of a second.</param>
/// <param name="MemoryPeakBytes">Highest memory in use (processes: RSS; cgroups: working set).</param>
/// <param name="MemoryTotalBytes">The host's memory, when known.</param>
/// <param name="NetworkRxPeak">Highest bytes received per second.</param>
/// <param name="NetworkTxPeak">Highest bytes sent per second.</param>
internal sealed record ResourceSummary(
    string Target,
    string Kind,
    int Samples,
    double? CpuAverage,
    double? CpuPeak,
    long? MemoryPeakBytes,
    long? MemoryTotalBytes,
    double? NetworkRxPeak,
    double? NetworkTxPeak)
{
    /// <summary>Why the source could not be read, if it never could (or the last failure), for the summary.</summary>
    public string? Problem { get; init; }

    /// <summary>The cores a cgroup's CPU % is a share of (its quota, or the cores it may run on), as last sampled.</summary>
    public double? CpuLimitCores { get; init; }

    /// <summary>A cgroup's CPU quota in cores, as last sampled; null when it has none.</summary>
    public double? CpuQuotaCores { get; init; }

    /// <summary>A cgroup's memory limit, as last sampled; null when it has none.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The highest share of a second's scheduler periods in which a cgroup was held back by its quota.</summary>
    public double? CpuThrottledPeak { get; init; }
}
