namespace Surge.Monitoring.Proc;

/// <summary>What Surge takes from <c>/proc/[pid]/stat</c>.</summary>
/// <param name="Pid">The process id (field 1).</param>
/// <param name="Comm">The command name (field 2), without its parentheses.</param>
/// <param name="CpuTicks">utime + stime (fields 14 and 15): CPU time in user and kernel mode, in clock ticks.</param>
/// <param name="Threads">num_threads (field 20).</param>
/// <param name="StartTicks">starttime (field 22): when the process started, in clock ticks after boot.</param>
internal sealed record ProcessStat(int Pid, string Comm, long CpuTicks, int Threads, long StartTicks);
