using System.Diagnostics;
using System.Globalization;

namespace Surge.IntegrationTests.Support;

/// <summary>
/// A real control group made for one test under <c>/sys/fs/cgroup</c> (v1: in the cpu, cpuacct and memory
/// hierarchies; v2: one folder), with a CPU quota and a memory limit, and a busy child process inside it.
/// Disposing kills the child by its id and removes the group. Needs root.
/// </summary>
internal sealed class TestCgroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private static readonly string[] V1Controllers = ["cpu", "cpuacct", "memory"];

    private readonly List<string> _folders = [];
    private Process? _child;

    private TestCgroup(string name, bool unified)
    {
        Name = name;
        Unified = unified;
    }

    public string Name { get; }

    public bool Unified { get; }

    /// <summary>The path to give to <c>cgroup:</c>: on v1 the cpu controller's copy of the group.</summary>
    public string Path => Unified ? $"{Root}/{Name}" : $"{Root}/cpu/{Name}";

    /// <summary>Why this machine cannot make a test group, or null when it can.</summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "cgroups are Linux's";
        }

        var uid = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            ?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
        if (uid != "0")
        {
            return "making a cgroup needs root (CI runs as root)";
        }

        var mounts = File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 3).ToList();
        bool Writable(string mountPoint) => mounts.Any(f => f[1] == mountPoint && f[3].Split(',').Contains("rw"));
        if (File.Exists($"{Root}/cgroup.controllers"))
        {
            var enabled = File.ReadAllText($"{Root}/cgroup.subtree_control").Split(' ', StringSplitOptions.TrimEntries);
            return !Writable(Root) ? $"{Root} is mounted read-only"
                : !enabled.Contains("cpu") || !enabled.Contains("memory") ? $"the cpu and memory controllers are not enabled in {Root}/cgroup.subtree_control"
                : null;
        }

        var missing = V1Controllers.Where(c => !File.Exists($"{Root}/{c}/cgroup.procs")).ToList();
        var readOnly = V1Controllers.Where(c => !Writable(new DirectoryInfo($"{Root}/{c}").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? $"{Root}/{c}")).ToList();
        return missing.Count > 0 ? $"the cgroup v1 {string.Join(", ", missing)} controllers are not mounted under {Root}"
            : readOnly.Count > 0 ? $"the cgroup v1 {string.Join(", ", readOnly)} hierarchies are mounted read-only"
            : null;
    }

    /// <summary>Makes <c>surge-test-GUID</c> with a CPU quota and a memory limit.</summary>
    public static TestCgroup Create(double quotaCores, long memoryLimitBytes)
    {
        var group = new TestCgroup($"surge-test-{Guid.NewGuid():N}", File.Exists($"{Root}/cgroup.controllers"));
        try
        {
            var quota = ((long)(quotaCores * 100_000)).ToString(CultureInfo.InvariantCulture);
            var limit = memoryLimitBytes.ToString(CultureInfo.InvariantCulture);
            if (group.Unified)
            {
                group.Make(Root);
                File.WriteAllText($"{group.Path}/cpu.max", $"{quota} 100000");
                File.WriteAllText($"{group.Path}/memory.max", limit);
            }
            else
            {
                foreach (var controller in V1Controllers)
                {
                    group.Make($"{Root}/{controller}");
                }

                File.WriteAllText($"{Root}/cpu/{group.Name}/cpu.cfs_period_us", "100000");
                File.WriteAllText($"{Root}/cpu/{group.Name}/cpu.cfs_quota_us", quota);
                File.WriteAllText($"{Root}/memory/{group.Name}/memory.limit_in_bytes", limit);
            }

            return group;
        }
        catch
        {
            group.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a shell that moves itself into the group, then becomes a loop that never sleeps: all it ever runs
    /// and every page it touches are the group's.
    /// </summary>
    public Process StartBusyChild()
    {
        var procs = string.Join(' ', _folders.Select(f => $"'{f}/cgroup.procs'"));
        var info = new ProcessStartInfo("sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"for f in {procs}; do echo $$ > \"$f\" || exit 3; done; exec sh -c 'while :; do :; done'");
        _child = Process.Start(info)!;
        return _child;
    }

    /// <summary>
    /// Moves a running process, with all its threads, into the group, and gives the group a large CPU weight
    /// (v1 <c>cpu.shares</c>, v2 <c>cpu.weight</c>): its quota, not whatever else loads the machine, is then
    /// what limits it. The caller still stops the process by its id before disposing the group.
    /// </summary>
    public void Adopt(int pid)
    {
        var id = pid.ToString(CultureInfo.InvariantCulture);
        foreach (var folder in _folders)
        {
            File.WriteAllText($"{folder}/cgroup.procs", id);
        }

        if (Unified)
        {
            File.WriteAllText($"{Path}/cpu.weight", "1000");
        }
        else
        {
            File.WriteAllText($"{Root}/cpu/{Name}/cpu.shares", "10240");
        }
    }

    /// <summary>Waits until the child is listed in the group (it moves itself in as it starts).</summary>
    public async Task WaitForChildInsideAsync()
    {
        var procs = $"{_folders[0]}/cgroup.procs";
        for (var i = 0; i < 100; i++)
        {
            if (File.ReadAllLines(procs).Contains(_child!.Id.ToString(CultureInfo.InvariantCulture)))
            {
                return;
            }

            if (_child.HasExited)
            {
                throw new InvalidOperationException($"the child could not move itself into {Name} (exit {_child.ExitCode})");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the child {_child!.Id} was not in {procs} within 5 s");
    }

    public void Dispose()
    {
        if (_child is { } child)
        {
            if (!child.HasExited)
            {
                child.Kill();
                child.WaitForExit(5000);
            }

            child.Dispose();
        }

        // The kernel lets a group go once its last task is reaped, which can lag the exit a little.
        foreach (var folder in Enumerable.Reverse(_folders))
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    Directory.Delete(folder);
                    break;
                }
                catch (DirectoryNotFoundException)
                {
                    break;
                }
                catch (IOException) when (attempt < 49)
                {
                    Thread.Sleep(100);
                }
            }
        }
    }

    private void Make(string hierarchy)
    {
        var folder = $"{hierarchy}/{Name}";
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            _folders.Add(folder);
        }
    }
}
