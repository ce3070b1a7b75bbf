using System.Globalization;
using Surge.Monitoring.Proc;

namespace Surge.Monitoring.Cgroups;

/// <summary>Reads a control group's counters and limits from its files, v1 or v2.</summary>
internal static class CgroupReader
{
    /// <summary>
    /// A memory limit this high is none: v1 writes "no limit" as the largest page count it can hold
    /// (9223372036854771712 on 4 KiB pages), which no machine has.
    /// </summary>
    public const long NoLimitFrom = 1L << 60;

    /// <summary>Reads the group now.</summary>
    /// <exception cref="MonitorException">The group is gone, or a file could not be read or made sense of.</exception>
    public static CgroupReading Read(CgroupLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return layout.Version == 2 ? ReadV2(layout) : ReadV1(layout);
    }

    private static CgroupReading ReadV2(CgroupLayout layout)
    {
        var folder = layout.In(layout.CpuAccounting);
        var cpu = Keyed(layout, folder, "cpu.stat");
        var memory = Keyed(layout, folder, "memory.stat");
        return new CgroupReading(
            CpuUsageNanos: Key(cpu, "usage_usec", folder, "cpu.stat") * 1000,
            QuotaCores: Tightest(layout.WithParents(layout.CpuAccounting).Select(f => QuotaV2(Path.Combine(f, "cpu.max")))),
            CpusetCores: Optional(Path.Combine(folder, "cpuset.cpus.effective")) is { } cpus ? CpuList.Count(cpus) : null,
            Throttling: Throttling(cpu, "throttled_usec", 1000),
            MemoryUsageBytes: Number(layout, folder, "memory.current"),
            InactiveFileBytes: memory.TryGetValue("inactive_file", out var inactive) ? inactive : null,
            MemoryLimitBytes: Tightest(layout.WithParents(layout.Memory).Select(f => Limit(Optional(Path.Combine(f, "memory.max"))))),
            SwapBytes: Optional(Path.Combine(folder, "memory.swap.current")) is { } swap ? Parse(swap, Path.Combine(folder, "memory.swap.current")) : null);
    }

    private static CgroupReading ReadV1(CgroupLayout layout)
    {
        var accounting = layout.In(layout.CpuAccounting);
        var memoryFolder = layout.In(layout.Memory);
        var memory = Keyed(layout, memoryFolder, "memory.stat");
        var cpu = layout.Cpu is { } hierarchy && Optional(Path.Combine(layout.In(hierarchy), "cpu.stat")) is { } text ? KeyedValues.Parse(text) : [];
        var ownLimit = Limit(Optional(Path.Combine(memoryFolder, "memory.limit_in_bytes")));
        var hierarchical = memory.TryGetValue("hierarchical_memory_limit", out var parents) ? Limit(parents.ToString(CultureInfo.InvariantCulture)) : null;
        return new CgroupReading(
            CpuUsageNanos: Number(layout, accounting, "cpuacct.usage"),
            QuotaCores: layout.Cpu is null ? null : Tightest(layout.WithParents(layout.Cpu).Select(QuotaV1)),
            CpusetCores: layout.Cpuset is null ? null : CpusetV1(layout.In(layout.Cpuset)),
            Throttling: Throttling(cpu, "throttled_time", 1),
            MemoryUsageBytes: Number(layout, memoryFolder, "memory.usage_in_bytes"),
            InactiveFileBytes: memory.TryGetValue("total_inactive_file", out var inactive) || memory.TryGetValue("inactive_file", out inactive) ? inactive : null,
            MemoryLimitBytes: Tightest([ownLimit, hierarchical]),
            SwapBytes: memory.TryGetValue("total_swap", out var swap) || memory.TryGetValue("swap", out swap) ? swap : null);
    }

    private static CgroupThrottling? Throttling(Dictionary<string, long> cpu, string timeKey, long toNanos) =>
        cpu.TryGetValue("nr_periods", out var periods) && cpu.TryGetValue("nr_throttled", out var throttled) && cpu.TryGetValue(timeKey, out var time)
            ? new CgroupThrottling(periods, throttled, time * toNanos)
            : null;

    /// <summary>v2 <c>cpu.max</c>: <c>QUOTA PERIOD</c> in microseconds, or <c>max PERIOD</c> for none.</summary>
    private static double? QuotaV2(string path)
    {
        var fields = Optional(path)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields[0] == "max")
        {
            return null;
        }

        var period = fields.Length > 1 ? Parse(fields[1], path) : 100_000;
        return period > 0 ? (double)Parse(fields[0], path) / period : null;
    }

    /// <summary>v1 <c>cpu.cfs_quota_us</c> over <c>cpu.cfs_period_us</c>; a quota of -1 is none.</summary>
    private static double? QuotaV1(string folder)
    {
        var quotaPath = Path.Combine(folder, "cpu.cfs_quota_us");
        var periodPath = Path.Combine(folder, "cpu.cfs_period_us");
        if (Optional(quotaPath) is not { } quotaText || Optional(periodPath) is not { } periodText)
        {
            return null;
        }

        var quota = Parse(quotaText, quotaPath);
        var period = Parse(periodText, periodPath);
        return quota > 0 && period > 0 ? (double)quota / period : null;
    }

    private static int? CpusetV1(string folder) =>
        (Optional(Path.Combine(folder, "cpuset.effective_cpus")) ?? Optional(Path.Combine(folder, "cpuset.cpus"))) is { } cpus ? CpuList.Count(cpus) : null;

    private static long? Limit(string? text) =>
        text is null || text.Trim() == "max" || !long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) || bytes >= NoLimitFrom
            ? null
            : bytes;

    private static T? Tightest<T>(IEnumerable<T?> limits)
        where T : struct, IComparable<T>
    {
        T? tightest = null;
        foreach (var limit in limits)
        {
            if (limit is { } value && (tightest is null || value.CompareTo(tightest.Value) < 0))
            {
                tightest = value;
            }
        }

        return tightest;
    }

    private static Dictionary<string, long> Keyed(CgroupLayout layout, string folder, string file) =>
        KeyedValues.Parse(Required(layout, folder, file));

    private static long Key(Dictionary<string, long> values, string key, string folder, string file) =>
        values.TryGetValue(key, out var value) ? value : throw new MonitorException($"{Path.Combine(folder, file)} has no {key} line");

    private static long Number(CgroupLayout layout, string folder, string file) =>
        Parse(Required(layout, folder, file), Path.Combine(folder, file));

    private static long Parse(string text, string path) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MonitorException($"{path} holds '{text.Trim()}', not a number");

    private static string Required(CgroupLayout layout, string folder, string file)
    {
        if (Optional(Path.Combine(folder, file)) is { } text)
        {
            return text;
        }

        throw new MonitorException(Directory.Exists(folder)
            ? $"{Path.Combine(folder, file)} does not exist"
            : $"cgroup {layout.Group} is gone ({folder} no longer exists; did its container stop?)");
    }

    private static string? Optional(string path)
    {
        try
        {
            return ProcFiles.TryReadText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MonitorException($"cannot read {path}: {e.Message}", e);
        }
    }
}
