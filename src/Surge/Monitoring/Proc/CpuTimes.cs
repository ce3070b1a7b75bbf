namespace Surge.Monitoring.Proc;

/// <summary>One <c>cpu</c> line of <c>/proc/stat</c>: time spent in each state since boot, in clock ticks.</summary>
/// <param name="User">Normal processes in user mode (guest time included).</param>
/// <param name="Nice">Niced processes in user mode (niced guest time included).</param>
/// <param name="System">Kernel mode.</param>
/// <param name="Idle">Idle.</param>
/// <param name="IoWait">Idle while waiting for I/O.</param>
/// <param name="Irq">Servicing interrupts.</param>
/// <param name="SoftIrq">Servicing softirqs.</param>
/// <param name="Steal">Taken by the hypervisor for other guests.</param>
internal readonly record struct CpuTimes(
    long User,
    long Nice,
    long System,
    long Idle,
    long IoWait,
    long Irq,
    long SoftIrq,
    long Steal)
{
    /// <summary>All the states together.</summary>
    public long Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;

    /// <summary>Time the CPU did nothing: idle plus waiting for I/O.</summary>
    public long IdleAll => Idle + IoWait;

    /// <summary>How busy the CPU was between two readings, 0–100 %; null when no tick passed.</summary>
    public static double? BusyPercent(CpuTimes before, CpuTimes after)
    {
        var total = after.Total - before.Total;
        if (total <= 0)
        {
            return null;
        }

        var idle = after.IdleAll - before.IdleAll;

        // iowait of a single core may go backwards (proc(5)), so a ratio just outside 0..1 is clamped.
        return Math.Clamp(100.0 * (1.0 - ((double)idle / total)), 0.0, 100.0);
    }
}
