using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Finds and reads processes under a /proc folder.</summary>
/// <remarks>
/// Processes come and go while we read: one listed a moment ago may be gone when its files are opened
/// (ENOENT) or read (ESRCH). Such a process is simply not counted.
/// </remarks>
internal static class ProcessReader
{
    /// <summary>
    /// The pids of the processes whose comm, or the file name of whose argv[0], is <paramref name="name"/>;
    /// never this process (<c>process:dotnet</c> watches the server, not the load generator, whose own
    /// CPU and GC the summary reports apart).
    /// </summary>
    /// <param name="procRoot">Where procfs is mounted.</param>
    /// <param name="name">The name.</param>
    /// <param name="matchedSelf">Whether this process has the name too (and was left out).</param>
    /// <exception cref="MonitorException"><paramref name="procRoot"/> cannot be listed.</exception>
    public static List<int> FindByName(string procRoot, string name, out bool matchedSelf)
    {
        var pids = new List<int>();
        var self = procRoot == "/proc" ? Environment.ProcessId : -1;
        matchedSelf = false;
        foreach (var pid in AllPids(procRoot))
        {
            var folder = Folder(procRoot, pid);
            try
            {
                if (ProcFiles.TryReadText(Path.Combine(folder, "comm")) is { } comm
                    && ProcessNames.Matches(name, ProcessNames.Comm(comm), () => ProcFiles.TryReadText(Path.Combine(folder, "cmdline"))))
                {
                    if (pid == self)
                    {
                        matchedSelf = true;
                        continue;
                    }

                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or hidden by hidepid: not ours to count.
            }
        }

        return pids;
    }

    /// <summary>Reads one process; null when it is not running or may not be read.</summary>
    /// <exception cref="MonitorException">Its files are malformed.</exception>
    public static ProcessReading? TryRead(string procRoot, int pid)
    {
        var folder = Folder(procRoot, pid);
        try
        {
            var stat = ProcessStatParser.Parse(File.ReadAllText(Path.Combine(folder, "stat")));
            var rssBytes = ProcessStatusParser.ParseRssBytes(File.ReadAllText(Path.Combine(folder, "status")));
            return new ProcessReading(pid, stat.StartTicks, stat.CpuTicks, stat.Threads, rssBytes ?? 0, CountOpenFiles(folder), OpenFilesLimit(folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new MonitorException($"cannot read {folder}: {e.Message}", e);
        }
    }

    private static List<int> AllPids(string procRoot)
    {
        try
        {
            var pids = new List<int>();
            foreach (var path in Directory.EnumerateDirectories(procRoot))
            {
                if (int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    pids.Add(pid);
                }
            }

            return pids;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MonitorException($"cannot list {procRoot}: {e.Message}", e);
        }
    }

    private static int? CountOpenFiles(string folder)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(folder, "fd")).Count();
        }
        catch (UnauthorizedAccessException)
        {
            // Only the owner (or root) may list another process's descriptors; the rest of it is still worth a sample.
            return null;
        }
    }

    /// <summary>The soft limit of the <c>Max open files</c> line of <c>/proc/[pid]/limits</c>; null when unlimited or not there.</summary>
    internal static long? ParseOpenFilesLimit(string limits)
    {
        foreach (var line in limits.Split('\n'))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }

        return null;
    }

    private static long? OpenFilesLimit(string folder)
    {
        try
        {
            return ParseOpenFilesLimit(File.ReadAllText(Path.Combine(folder, "limits")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Folder(string procRoot, int pid) => Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
}
