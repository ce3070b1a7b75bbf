using System.Globalization;

namespace Surge.Lab.Topology;

/// <summary>
/// What makes a lab server's size real: a cgroup (v1: in the cpu, cpuacct and memory hierarchies; v2: one
/// folder) with a CPU quota and a memory limit that every process of the server runs in. Where cgroups cannot
/// be made, the fallback is CPU affinity, which confines a server to whole cores and limits no memory.
/// </summary>
internal sealed class ServerBox
{
    public const string Root = "/sys/fs/cgroup";
    /// <summary>The parent group of a lab's servers when none is given.</summary>
    public const string DefaultParent = "surge-lab";
    private static readonly string[] V1Controllers = ["cpu", "cpuacct", "memory"];

    private ServerBox(LabServer server, IReadOnlyList<string> folders, string? monitorPath, int? cpu)
    {
        Server = server;
        Folders = folders;
        MonitorPath = monitorPath;
        Cpu = cpu;
    }

    public LabServer Server { get; }

    /// <summary>The cgroup folders made for the server; empty under the fallback.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>What to give <c>--monitor NAME=cgroup:</c>, or null under the fallback.</summary>
    public string? MonitorPath { get; }

    /// <summary>The core the server is pinned to under the fallback.</summary>
    public int? Cpu { get; }

    /// <summary>Why this machine cannot make the lab's cgroups, or null when it can.</summary>
    public static string? WhyNoCgroups(string parent)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "cgroups are Linux's";
        }

        try
        {
            foreach (var hierarchy in Hierarchies())
            {
                Directory.CreateDirectory(Path.Combine(hierarchy, parent));
            }

            OwnCores(Path.Combine(Hierarchies().First(), parent), isParent: true);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"cannot make {Root}/.../{parent} ({exception.Message}); run as root to size servers by cgroup";
        }
    }

    /// <summary>Makes the server's cgroup with its size, or, when <paramref name="useCgroups"/> is false, picks its core.</summary>
    public static ServerBox Make(LabServer server, string parent, bool useCgroups, int index)
    {
        if (!useCgroups)
        {
            return new ServerBox(server, [], null, index % Environment.ProcessorCount);
        }

        var quota = ((long)(server.Size.Cores * 100_000)).ToString(CultureInfo.InvariantCulture);
        var memory = (server.Size.MemoryMiB * 1024L * 1024).ToString(CultureInfo.InvariantCulture);
        var folders = Hierarchies().Select(h => Path.Combine(h, parent, server.Name)).ToList();
        folders.ForEach(f => Directory.CreateDirectory(f));
        OwnCores(folders[0], isParent: false);
        if (Unified)
        {
            File.WriteAllText(Path.Combine(folders[0], "cpu.max"), $"{quota} 100000");
            File.WriteAllText(Path.Combine(folders[0], "memory.max"), memory);
            return new ServerBox(server, folders, folders[0], null);
        }

        File.WriteAllText(Path.Combine(folders[0], "cpu.cfs_period_us"), "100000");
        File.WriteAllText(Path.Combine(folders[0], "cpu.cfs_quota_us"), quota);
        File.WriteAllText(Path.Combine(folders[2], "memory.limit_in_bytes"), memory);
        return new ServerBox(server, folders, folders[0], null);
    }

    /// <summary>
    /// A large CPU weight (v1 <c>cpu.shares</c>, v2 <c>cpu.weight</c>) for the lab and each of its servers: an
    /// instance's cores are its own, so its quota, not the other programs on this machine (a build, the load
    /// generator's neighbours), is what holds it back. Without it a busy machine gave a server less than its
    /// quota, and the diagnosis rightly named no server, since none was at its limit.
    /// </summary>
    private static void OwnCores(string cpuFolder, bool isParent)
    {
        var (file, weight) = Unified ? ("cpu.weight", isParent ? "10000" : "1000") : ("cpu.shares", isParent ? "262144" : "10240");
        var path = Path.Combine(cpuFolder, file);
        if (File.Exists(path))
        {
            File.WriteAllText(path, weight);
        }
    }

    /// <summary>
    /// The command line that runs <paramref name="command"/> inside the box: a shell moves itself into the
    /// cgroup, then becomes the command, so the command and everything it forks are the server's from the start.
    /// </summary>
    public IReadOnlyList<string> Wrap(IReadOnlyList<string> command)
    {
        if (Cpu is { } cpu)
        {
            return ["taskset", "-c", cpu.ToString(CultureInfo.InvariantCulture), .. command];
        }

        var moves = string.Join(' ', Folders.Select(f => $"'{f}/cgroup.procs'"));
        return ["sh", "-c", $"for f in {moves}; do echo $$ > \"$f\" || exit 3; done; exec \"$0\" \"$@\"", .. command];
    }

    /// <summary>Kills every process left in the cgroup folders and removes them (and the lab's parent when empty).</summary>
    public static async Task RemoveAsync(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            // The kernel lets a group go once its last task is reaped, which can lag the kill a little.
            for (var attempt = 0; attempt < 100; attempt++)
            {
                foreach (var pid in Tasks(folder))
                {
                    UnixProcesses.Signal(pid, UnixProcesses.SigKill);
                }

                try
                {
                    Directory.Delete(folder);
                    break;
                }
                catch (DirectoryNotFoundException)
                {
                    break;
                }
                catch (IOException) when (attempt < 99)
                {
                    await Task.Delay(50);
                }
            }
        }
    }

    /// <summary>Removes the lab's parent cgroups where they hold no server's.</summary>
    public static void RemoveParent(string parent)
    {
        foreach (var folder in Hierarchies().Select(h => Path.Combine(h, parent)).Where(Directory.Exists))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                // A server's group is still in it (another lab of this machine): it stays.
            }
        }
    }

    /// <summary>The lab's cgroup folders that exist now, whatever made them: what cleans up after a killed lab.</summary>
    public static IEnumerable<string> Existing(string parent) => OperatingSystem.IsLinux()
        ? Hierarchies().Select(h => Path.Combine(h, parent)).Where(Directory.Exists).SelectMany(Directory.EnumerateDirectories)
        : [];

    private static bool Unified => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    private static IEnumerable<string> Hierarchies() => Unified ? [Root] : V1Controllers.Select(c => Path.Combine(Root, c));

    private static List<int> Tasks(string folder)
    {
        try
        {
            return File.ReadAllLines(Path.Combine(folder, "cgroup.procs")).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
