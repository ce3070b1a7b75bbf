namespace Surge.Monitoring.Proc;

/// <summary>The unit of the CPU times in <c>/proc/stat</c> and <c>/proc/[pid]/stat</c>.</summary>
internal static class ClockTicks
{
    /// <summary>Clock ticks (jiffies as user space sees them) per second.</summary>
    /// <remarks>
    /// The kernel reports CPU times in USER_HZ, which is 100 on every Linux architecture whatever the
    /// kernel's internal HZ (<c>getconf CLK_TCK</c>); .NET has no portable sysconf, so we do not ask at run time.
    /// </remarks>
    public const int PerSecond = 100;
}
