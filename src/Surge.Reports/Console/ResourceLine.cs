using Surge.Monitoring;

namespace Surge.Reports.Console;

/// <summary>
/// One resource sample in one line, for the live console and <c>surge monitor</c>:
/// <c>db: CPU 83% (of 1 core)  RSS 312 MiB  41 threads</c> or
/// <c>local: CPU 45%  load 1.2  mem 3.1 GiB / 7.8 GiB  net ↓1.2 MB/s ↑310 kB/s  disk r 0 B/s w 12 kB/s</c> or
/// <c>web: CPU 98% of a 0.5-core quota  mem 210 MiB / 512 MiB limit  throttled 90% of periods, 480 ms/s</c>;
/// and a target's whole run in one line, for the summary.
/// </summary>
internal static class ResourceLine
{
    /// <summary>The line for a sample.</summary>
    public static string For(ResourceSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var parts = new List<string>();
        if (sample.CpuPercent is { } cpu)
        {
            parts.Add(sample.Kind switch
            {
                "process" => $"CPU {Units.Number(cpu, 0)}% (of 1 core)",
                "cgroup" => $"CPU {Units.Number(cpu, 0)}%{OfLimit(sample.CpuLimitCores, sample.CpuQuotaCores)}",
                _ => $"CPU {Units.Number(cpu, 0)}%",
            });
        }
        else
        {
            parts.Add("CPU …");
        }

        if (sample.LoadAverage is [var load, ..])
        {
            parts.Add($"load {Units.Number(load, 2)}");
        }

        if (sample.MemoryUsedBytes is { } workingSet && sample.Kind == "cgroup")
        {
            parts.Add(sample.MemoryLimitBytes is { } limit ? $"mem {Units.Memory(workingSet)} / {Units.Memory(limit)} limit" : $"mem {Units.Memory(workingSet)} (no limit)");
        }
        else if (sample.MemoryUsedBytes is { } used)
        {
            var label = sample.Kind == "process" ? "RSS" : "mem";
            parts.Add(sample.MemoryTotalBytes is { } total ? $"{label} {Units.Memory(used)} / {Units.Memory(total)}" : $"{label} {Units.Memory(used)}");
        }

        if (sample.SwapUsedBytes is > 0)
        {
            parts.Add($"swap {Units.Memory(sample.SwapUsedBytes.Value)}");
        }

        if (sample.CpuThrottledPercent is { } throttled)
        {
            parts.Add($"throttled {Units.Number(throttled, 0)}% of periods, {Units.Number(sample.CpuThrottledMillisPerSecond ?? 0, 0)} ms/s");
        }

        if (sample.NetworkRxBytesPerSecond is { } rx && sample.NetworkTxBytesPerSecond is { } tx)
        {
            parts.Add($"net ↓{Units.Bytes(rx)}/s ↑{Units.Bytes(tx)}/s");
        }

        if (sample.DiskReadBytesPerSecond is { } read && sample.DiskWriteBytesPerSecond is { } write)
        {
            parts.Add($"disk r {Units.Bytes(read)}/s w {Units.Bytes(write)}/s" + (sample.DiskBusyPercent is { } busy ? $" busy {Units.Number(busy, 0)}%" : ""));
        }

        if (sample.TcpStates is { Count: > 0 } tcp)
        {
            parts.Add("tcp " + string.Join(' ', tcp.Where(s => s.Key is "ESTABLISHED" or "TIME_WAIT" or "CLOSE_WAIT")
                .Select(s => $"{Short(s.Key)} {s.Value}")));
        }

        if (sample.Processes is { } processes)
        {
            parts.Add(processes == 1 ? "1 process" : $"{processes} processes");
        }

        if (sample.Threads is { } threads)
        {
            parts.Add($"{threads} threads");
        }

        if (sample.OpenFiles is { } files)
        {
            parts.Add(sample.OpenFilesLimit is { } most ? $"{files}/{most} fds" : $"{files} fds");
        }

        return $"{sample.Target}: {string.Join("  ", parts)}";
    }

    private static string Short(string state) => state switch
    {
        "ESTABLISHED" => "estab",
        "TIME_WAIT" => "time-wait",
        "CLOSE_WAIT" => "close-wait",
        _ => state.ToLowerInvariant(),
    };

    /// <summary>What a cgroup's CPU % is a share of: <c> of a 0.5-core quota</c>, <c> of 2 cores (no quota)</c>.</summary>
    private static string OfLimit(double? limitCores, double? quotaCores) => (limitCores, quotaCores) switch
    {
        ({ } limit, { } quota) when limit >= quota => $" of a {Units.Number(quota, 2)}-core quota",
        ({ } limit, { } quota) => $" of {Cores(limit)} (its quota, {Units.Number(quota, 2)}, is more)",
        ({ } limit, null) => $" of {Cores(limit)} (no quota)",
        _ => "",
    };

    private static string Cores(double cores) => cores == 1 ? "1 core" : $"{Units.Number(cores, 2)} cores";

    /// <summary>
    /// A target's whole run: <c>CPU avg 64%, peak 97%  memory peak 3 GiB of 8 GiB  net peak ↓12.5 MB/s ↑48 MB/s</c>, or for a
    /// cgroup <c>CPU avg 80%, peak 100% of a 0.5-core quota  memory peak 210 MiB of 512 MiB limit  throttled in up to 92% of periods</c>.
    /// </summary>
    public static string Peaks(ResourceSummary target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = new List<string>();
        var ofWhat = target.Kind switch
        {
            "process" => " (of 1 core)",
            "cgroup" => OfLimit(target.CpuLimitCores, target.CpuQuotaCores),
            _ => "",
        };
        if (target.CpuAverage is { } average && target.CpuPeak is { } peak)
        {
            parts.Add($"CPU avg {Units.Number(average, 0)}%, peak {Units.Number(peak, 0)}%{ofWhat}");
        }

        if (target.MemoryPeakBytes is { } peakBytes && target.Kind == "cgroup")
        {
            parts.Add(target.MemoryLimitBytes is { } limit ? $"memory peak {Units.Memory(peakBytes)} of {Units.Memory(limit)} limit" : $"memory peak {Units.Memory(peakBytes)} (no limit)");
        }
        else if (target.MemoryPeakBytes is { } memory)
        {
            var total = target.MemoryTotalBytes is { } all ? $" of {Units.Memory(all)}" : "";
            parts.Add($"{(target.Kind == "process" ? "RSS" : "memory")} peak {Units.Memory(memory)}{total}");
        }

        if (target.CpuThrottledPeak is { } throttled)
        {
            parts.Add($"throttled in up to {Units.Number(throttled, 0)}% of periods");
        }

        if (target.NetworkRxPeak is { } rx && target.NetworkTxPeak is { } tx)
        {
            parts.Add($"net peak ↓{Units.Bytes(rx)}/s ↑{Units.Bytes(tx)}/s");
        }

        if (target.Samples == 0)
        {
            parts.Add("no sample");
        }

        return string.Join("  ", parts);
    }
}
