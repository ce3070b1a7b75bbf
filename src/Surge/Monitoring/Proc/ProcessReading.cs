namespace Surge.Monitoring.Proc;

/// <summary>One process as read from <c>/proc/[pid]</c>.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">When it started, in clock ticks after boot; with the pid, it tells a reused pid from the old process.</param>
/// <param name="CpuTicks">CPU time so far (user + kernel), in clock ticks.</param>
/// <param name="Threads">Its threads.</param>
/// <param name="RssBytes">Resident set size, bytes (0 for kernel threads).</param>
/// <param name="OpenFiles">Open file descriptors; null when its fd folder may not be read (another user's process).</param>
/// <param name="OpenFilesLimit">Its soft limit on open files (<c>Max open files</c> in its <c>limits</c>); null when unlimited or unreadable.</param>
internal sealed record ProcessReading(int Pid, long StartTicks, long CpuTicks, int Threads, long RssBytes, int? OpenFiles, long? OpenFilesLimit = null);
