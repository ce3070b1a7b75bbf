namespace Surge.Monitoring;

/// <summary>One monitored target over the whole run: what the summary shows beside TPS and latency.</summary>
/// <param name="Target">The target's label.</param>
/// <param name="Kind"><c>host</c> or <c>process</c>.</param>
/// <param name="Samples">Seconds sampled.</param>
/// <param name="CpuAverage">Mean CPU %, of all cores for a host, of one core for processes; null when never measured.</param>
/// <param name="CpuPeak">Highest CPU % of a second.</param>
/// <param name="MemoryPeakBytes">Highest memory in use (processes: RSS).</param>
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
}
