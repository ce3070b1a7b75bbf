namespace Surge.Monitoring.Cgroups;

/// <summary>The CFS bandwidth counters of a cgroup's <c>cpu.stat</c>, cumulative.</summary>
/// <param name="Periods">Enforcement periods in which its tasks were runnable.</param>
/// <param name="Throttled">Periods in which it used up its quota and was held back.</param>
/// <param name="ThrottledNanos">Time its tasks spent held back, summed over CPUs, nanoseconds.</param>
internal sealed record CgroupThrottling(long Periods, long Throttled, long ThrottledNanos);
