using System.Globalization;
using Surge.Execution.Executors;
using Surge.Http;

namespace Surge.Execution;

/// <summary>
/// Says before the test, not 25 s into it, when this machine cannot run a plan: more VUs than file
/// descriptors for their connections or memory for their state, or a rate no single generator can start.
/// </summary>
internal static class CapacityCheck
{
    /// <summary>What one VU costs, with its connection, buffers and share of the metric shards (about 31 KiB measured; rounded up).</summary>
    public const long BytesPerVu = 48 * 1024;

    /// <summary>What the process needs besides its VUs: the runtime, the compiler of a script, the metrics.</summary>
    public const long BaseBytes = 256L * 1024 * 1024;

    /// <summary>The most iterations per second one generator is asked to start; beyond it, split the load.</summary>
    public const double MaxRatePerSecond = 5_000_000;

    /// <summary>Every reason the plan cannot run here, each a sentence saying what to do; empty when it can.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="descriptors">The process's descriptor limit (soft, after raising); null when unknown.</param>
    /// <param name="memoryBytes">Memory this process may still use; null when unknown.</param>
    /// <param name="descriptorsPerVu">Descriptors each VU's connection takes here: 2 when the target runs in this process too (the demo).</param>
    public static IReadOnlyList<string> Check(TestPlan plan, long? descriptors, long? memoryBytes, int descriptorsPerVu = 1)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<string>();

        // The VUs that will exist: an arrival-rate pool starts with its pre-allocated VUs and grows only
        // when iterations are slow; past the descriptors it has, its connections fail as `descriptors`
        // and the test goes on, so only the pre-allocated part must fit.
        var vus = plan.PeakVus(e => e is ArrivalRateOptions pool ? pool.PreAllocatedVus : e.MaxVus);
        var wanted = ((long)vus * descriptorsPerVu) + DescriptorLimit.Reserve;
        if (descriptors is { } limit && wanted > limit)
        {
            problems.Add(
                $"{N(vus)} VUs need a connection each, about {N(wanted)} file descriptors{(descriptorsPerVu > 1 ? " with the demo target's end of each" : "")}, but this process may open {N(limit)} (ulimit -n); " +
                $"lower the VUs, or raise the limit (ulimit -n {RoundUp(wanted)} as root)");
        }

        // What this process holds already (the runtime, a compiled script) is in use, not still to come.
        var needed = Math.Max(0, BaseBytes - Environment.WorkingSet) + (vus * BytesPerVu);
        if (memoryBytes is { } available && needed > available)
        {
            problems.Add($"{N(vus)} VUs need about {Size(needed)} of memory, and this machine has {Size(available)} free; lower the VUs, or run several load generators");
        }

        foreach (var scenario in plan.Scenarios)
        {
            if (PeakRatePerSecond(scenario.Executor) is { } rate and > MaxRatePerSecond)
            {
                problems.Add($"{(plan.Scenarios.Count > 1 ? $"scenario '{scenario.Name}': " : "")}a rate of {N(rate)} iterations per second is more than one load generator can start (at most {N(MaxRatePerSecond)}/s); lower it, or split it over several generators");
            }
        }

        return problems;
    }

    /// <summary>Memory this process may still take: the machine's available memory, or its cgroup's room if less.</summary>
    public static long? AvailableMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        long? available = null;
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        // A container's limit (cgroup v2, then v1); "max" or a huge number means none.
        var limit = Number("/sys/fs/cgroup/memory.max") ?? Number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
        // Its usage less the page cache it can drop (inactive files), as the kernel would before refusing memory.
        var usage = Number("/sys/fs/cgroup/memory.current") ?? Number("/sys/fs/cgroup/memory/memory.usage_in_bytes");
        var cache = Stat("/sys/fs/cgroup/memory.stat", "inactive_file") ?? Stat("/sys/fs/cgroup/memory/memory.stat", "total_inactive_file");
        usage = usage is { } total ? Math.Max(0, total - (cache ?? 0)) : null;
        if (limit is { } cap and < 1L << 50 && usage is { } used)
        {
            available = Math.Min(available ?? long.MaxValue, Math.Max(0, cap - used));
        }

        return available;
    }

    private static double? PeakRatePerSecond(ExecutorOptions executor) => executor switch
    {
        ConstantArrivalRateOptions constant => constant.Rate / constant.TimeUnit.TotalSeconds,
        RampingArrivalRateOptions ramping => Math.Max(ramping.StartRate, ramping.Stages.Count == 0 ? 0 : ramping.Stages.Max(s => s.Target)) / ramping.TimeUnit.TotalSeconds,
        _ => null,
    };

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static long? Number(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Stat(string path, string key) =>
        ReadLines(path).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[0] == key) is { } pair
            && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long RoundUp(long value) => (value + 1023) / 1024 * 1024;

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB"
        : (bytes >> 20).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
}
