namespace Surge.Outcome;

/// <summary>A target's resource that stayed at its limit, with the load figures around it.</summary>
/// <param name="Target">The monitored target's label.</param>
/// <param name="Kind"><c>host</c>, <c>process</c> or <c>cgroup</c> (a container).</param>
/// <param name="Role">App server, database or cache.</param>
/// <param name="Resource">Which resource.</param>
/// <param name="From">The second (since the test started) from which it stayed at its limit.</param>
/// <param name="Low">The lowest value while at the limit: CPU %, memory or swap bytes, network bytes/s, connections.</param>
/// <param name="High">The highest value while at the limit.</param>
/// <param name="Capacity">
/// What the limit is measured against: 100 × cores (CPU of processes, in % of one core), 100 (CPU of a
/// host, or of a container's quota), the memory in all or a container's limit (bytes), the link's bytes per second (network), the ephemeral ports (ports); 0 for swap.
/// </param>
/// <param name="TpsMean">Mean TPS from <paramref name="From"/> on.</param>
/// <param name="TpsSpreadPercent">How far TPS strayed from its mean from <paramref name="From"/> on (standard deviation, % of the mean).</param>
/// <param name="P95BeforeMs">p95 latency of the seconds before <paramref name="From"/>; null when the limit was reached at once.</param>
/// <param name="P95AfterMs">p95 latency of the seconds from <paramref name="From"/> on.</param>
/// <param name="LimitCores">A container's CPU: the cores its quota (or cpuset) allows; its CPU % is of these.</param>
internal sealed record Bottleneck(
    string Target,
    string Kind,
    TargetRole Role,
    LimitedResource Resource,
    TimeSpan From,
    double Low,
    double High,
    double Capacity,
    double TpsMean,
    double TpsSpreadPercent,
    double? P95BeforeMs,
    double P95AfterMs,
    double? LimitCores = null);
