using Surge.Monitoring;

namespace Surge.Reports.Console;

/// <summary>
/// One resource sample in one line, for the live console and <c>surge monitor</c>:
/// <c>db: CPU 83% (of 1 core)  RSS 312 MiB  41 threads</c> or
/// <c>local: CPU 45%  load 1.2  mem 3.1 GiB / 7.8 GiB  net ↓1.2 MB/s ↑310 kB/s  disk r 0 B/s w 12 kB/s</c>;
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
            parts.Add(sample.Kind == "process" ? $"CPU {Units.Number(cpu, 0)}% (of 1 core)" : $"CPU {Units.Number(cpu, 0)}%");
        }
        else
        {
            parts.Add("CPU …");
        }

        if (sample.LoadAverage is [var load, ..])
        {
            parts.Add($"load {Units.Number(load, 2)}");
        }

        if (sample.MemoryUsedBytes is { } used)
        {
            var label = sample.Kind == "process" ? "RSS" : "mem";
            parts.Add(sample.MemoryTotalBytes is { } total ? $"{label} {Units.Memory(used)} / {Units.Memory(total)}" : $"{label} {Units.Memory(used)}");
        }

        if (sample.SwapUsedBytes is > 0)
        {
            parts.Add($"swap {Units.Memory(sample.SwapUsedBytes.Value)}");
        }

        if (sample.NetworkRxBytesPerSecond is { } rx && sample.NetworkTxBytesPerSecond is { } tx)
        {
            parts.Add($"net ↓{Units.Bytes(rx)}/s ↑{Units.Bytes(tx)}/s");
        }

        if (sample.DiskReadBytesPerSecond is { } read && sample.DiskWriteBytesPerSecond is { } write)
        {
            parts.Add($"disk r {Units.Bytes(read)}/s w {Units.Bytes(write)}/s");
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
            parts.Add($"{files} fds");
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

    /// <summary>A target's whole run: <c>CPU avg 64%, peak 97%  memory peak 3 GiB of 8 GiB  net peak ↓12.5 MB/s ↑48 MB/s</c>.</summary>
    public static string Peaks(ResourceSummary target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = new List<string>();
        var ofWhat = target.Kind == "process" ? " (of 1 core)" : "";
        if (target.CpuAverage is { } average && target.CpuPeak is { } peak)
        {
            parts.Add($"CPU avg {Units.Number(average, 0)}%, peak {Units.Number(peak, 0)}%{ofWhat}");
        }

        if (target.MemoryPeakBytes is { } memory)
        {
            var total = target.MemoryTotalBytes is { } all ? $" of {Units.Memory(all)}" : "";
            parts.Add($"{(target.Kind == "process" ? "RSS" : "memory")} peak {Units.Memory(memory)}{total}");
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
