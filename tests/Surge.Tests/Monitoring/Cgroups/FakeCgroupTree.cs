using System.Globalization;
using System.Text;

namespace Surge.Tests.Monitoring.Cgroups;

/// <summary>
/// A temporary folder laid out like <c>/sys/fs/cgroup</c>, v2 (one tree) or v1 (a tree per controller), with a
/// <c>/proc/stat</c> of its own for the host's cores, for cgroup monitors pointed at it.
/// </summary>
internal sealed class FakeCgroupTree : IDisposable
{
    private FakeCgroupTree(int version, int hostCores, string cpuFolder = "cpu", string accountingFolder = "cpuacct")
    {
        Version = version;
        CpuFolder = cpuFolder;
        AccountingFolder = accountingFolder;
        Directory.CreateDirectory(ProcRoot);
        var stat = new StringBuilder("cpu  100 0 100 1000 0 0 0 0 0 0\n");
        for (var core = 0; core < hostCores; core++)
        {
            stat.Append(CultureInfo.InvariantCulture, $"cpu{core} 25 0 25 250 0 0 0 0 0 0\n");
        }

        File.WriteAllText(Path.Combine(ProcRoot, "stat"), stat.ToString());
        if (version == 2)
        {
            Write("", "cgroup.controllers", "cpuset cpu io memory pids");
            Write("", "cgroup.procs", "1");
        }
        else
        {
            foreach (var hierarchy in new[] { cpuFolder, accountingFolder, "memory" }.Distinct())
            {
                Write(hierarchy, "cgroup.procs", "1");
            }
        }
    }

    private string Base { get; } = Directory.CreateTempSubdirectory("surge-cgroup-").FullName;

    public int Version { get; }

    /// <summary>Where the fake cgroups are mounted, as /sys/fs/cgroup.</summary>
    public string Root => Path.Combine(Base, "cgroup");

    public string ProcRoot => Path.Combine(Base, "proc");

    /// <summary>v1: the folder of the cpu controller (<c>cpu</c>, or <c>cpu,cpuacct</c> when co-mounted).</summary>
    public string CpuFolder { get; }

    /// <summary>v1: the folder of the cpuacct controller.</summary>
    public string AccountingFolder { get; }

    public static FakeCgroupTree V2(int hostCores = 4) => new(2, hostCores);

    public static FakeCgroupTree V1(int hostCores = 4, bool coMounted = false) =>
        coMounted ? new(1, hostCores, "cpu,cpuacct", "cpu,cpuacct") : new(1, hostCores);

    /// <summary>Makes a v2 group: cgroup.procs, CPU usage, a quota (<c>max 100000</c> for none), memory and its limit.</summary>
    public void GroupV2(string group, string cpuMax = "max 100000", long usageMicros = 0, long memoryBytes = 0, long inactiveFileBytes = 0, string memoryMax = "max")
    {
        Write(group, "cgroup.procs", "42");
        CpuStatV2(group, usageMicros);
        Write(group, "cpu.max", cpuMax);
        Write(group, "memory.current", memoryBytes.ToString(CultureInfo.InvariantCulture));
        Write(group, "memory.stat", $"anon {memoryBytes - inactiveFileBytes}\nfile {inactiveFileBytes}\ninactive_file {inactiveFileBytes}\nactive_file 0\n");
        Write(group, "memory.max", memoryMax);
    }

    public void CpuStatV2(string group, long usageMicros, long periods = 0, long throttled = 0, long throttledMicros = 0) =>
        Write(group, "cpu.stat", $"usage_usec {usageMicros}\nuser_usec {usageMicros / 2}\nsystem_usec {usageMicros - (usageMicros / 2)}\nnr_periods {periods}\nnr_throttled {throttled}\nthrottled_usec {throttledMicros}\n");

    /// <summary>Makes a v1 group in the cpu, cpuacct and memory trees; a quota of -1 is none.</summary>
    public void GroupV1(string group, long quotaMicros = -1, long usageNanos = 0, long memoryBytes = 0, long inactiveFileBytes = 0, long limitBytes = 9223372036854771712)
    {
        foreach (var hierarchy in new[] { CpuFolder, AccountingFolder, "memory" }.Distinct())
        {
            Write(Path.Combine(hierarchy, group), "cgroup.procs", "42");
        }

        Write(Path.Combine(CpuFolder, group), "cpu.cfs_quota_us", quotaMicros.ToString(CultureInfo.InvariantCulture));
        Write(Path.Combine(CpuFolder, group), "cpu.cfs_period_us", "100000");
        CpuStatV1(group);
        UsageV1(group, usageNanos);
        Write(Path.Combine("memory", group), "memory.usage_in_bytes", memoryBytes.ToString(CultureInfo.InvariantCulture));
        Write(Path.Combine("memory", group), "memory.limit_in_bytes", limitBytes.ToString(CultureInfo.InvariantCulture));
        MemoryStatV1(group, inactiveFileBytes, limitBytes);
    }

    public void UsageV1(string group, long usageNanos) =>
        Write(Path.Combine(AccountingFolder, group), "cpuacct.usage", usageNanos.ToString(CultureInfo.InvariantCulture));

    public void CpuStatV1(string group, long periods = 0, long throttled = 0, long throttledNanos = 0) =>
        Write(Path.Combine(CpuFolder, group), "cpu.stat", $"nr_periods {periods}\nnr_throttled {throttled}\nthrottled_time {throttledNanos}\nnr_bursts 0\nburst_time 0\n");

    public void MemoryStatV1(string group, long inactiveFileBytes, long hierarchicalLimitBytes, long swapBytes = 0) =>
        Write(Path.Combine("memory", group), "memory.stat", $"cache {inactiveFileBytes}\nrss 0\ninactive_file {inactiveFileBytes}\nhierarchical_memory_limit {hierarchicalLimitBytes}\ntotal_cache {inactiveFileBytes}\ntotal_inactive_file {inactiveFileBytes}\ntotal_swap {swapBytes}\n");

    /// <summary>Writes a file in a folder of the tree (relative to <see cref="Root"/>), making the folder.</summary>
    public void Write(string folder, string file, string text)
    {
        var path = Path.Combine(Root, folder.TrimStart('/'));
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, file), text + "\n");
    }

    public void Dispose() => Directory.Delete(Base, recursive: true);
}
