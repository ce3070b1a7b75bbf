using System.Globalization;
using System.Text.RegularExpressions;
using Surge.Monitoring.Proc;

namespace Surge.Monitoring.Prometheus;

/// <summary>
/// The node_exporter series a host sample is made of, read from one scrape; two scrapes in a row
/// give the rates (CPU %, bytes per second).
/// </summary>
internal sealed partial class NodeScrape
{
    private readonly Dictionary<string, (double Idle, double All)> _cpus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _gauges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _received = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _transmitted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _busy = new(StringComparer.Ordinal);

    private NodeScrape()
    {
    }

    /// <summary>Whether the scrape had <c>node_cpu_seconds_total</c>, the mark of a node_exporter.</summary>
    public bool HasCpu => _cpus.Count > 0;

    /// <summary>Picks the series a host sample needs out of a parsed scrape.</summary>
    public static NodeScrape Read(IEnumerable<PrometheusSample> samples)
    {
        var scrape = new NodeScrape();
        foreach (var sample in samples)
        {
            scrape.Add(sample);
        }

        return scrape;
    }

    private void Add(PrometheusSample sample)
    {
        var device = sample.Labels.GetValueOrDefault("device", "");
        switch (sample.Name)
        {
            case "node_cpu_seconds_total" when sample.Labels.TryGetValue("mode", out var mode):
                var cpu = sample.Labels.GetValueOrDefault("cpu", "");
                var (idle, all) = _cpus.GetValueOrDefault(cpu);
                var idleSeconds = mode is "idle" or "iowait" ? sample.Value : 0;
                _cpus[cpu] = (idle + idleSeconds, all + sample.Value);
                break;
            case "node_network_receive_bytes_total" when !VirtualInterface().IsMatch(device):
                _received[device] = sample.Value;
                break;
            case "node_network_transmit_bytes_total" when !VirtualInterface().IsMatch(device):
                _transmitted[device] = sample.Value;
                break;
            // node_exporter keeps dm-N and mdN, whose bytes are their disks' bytes again: counted once, as for `local`.
            case "node_disk_read_bytes_total" when DiskStatsParser.IsWholeDisk(device):
                _read[device] = sample.Value;
                break;
            case "node_disk_written_bytes_total" when DiskStatsParser.IsWholeDisk(device):
                _written[device] = sample.Value;
                break;
            case "node_disk_io_time_seconds_total" when DiskStatsParser.IsWholeDisk(device):
                _busy[device] = sample.Value;
                break;
            case "node_memory_MemTotal_bytes" or "node_memory_MemAvailable_bytes" or "node_memory_SwapTotal_bytes"
                or "node_memory_SwapFree_bytes" or "node_load1" or "node_load5" or "node_load15" or "node_netstat_Tcp_CurrEstab":
                _gauges[sample.Name] = sample.Value;
                break;
        }
    }

    /// <summary>
    /// Makes the host sample: gauges from this scrape, rates from the change since
    /// <paramref name="previous"/>, <paramref name="elapsed"/> earlier (null rates without one).
    /// </summary>
    public ResourceSample ToResourceSample(string target, NodeScrape? previous, TimeSpan elapsed)
    {
        var seconds = previous is null ? 0 : elapsed.TotalSeconds;
        var total = Gauge("node_memory_MemTotal_bytes");
        var available = Gauge("node_memory_MemAvailable_bytes");
        var established = Gauge("node_netstat_Tcp_CurrEstab");
        return new ResourceSample
        {
            Target = target,
            Kind = "host",
            CpuPercent = previous is null ? null : TotalCpuPercent(previous),
            CoresPercent = previous is null ? null : CoresPercent(previous),
            LoadAverage = Gauge("node_load1") is { } load1 && Gauge("node_load5") is { } load5 && Gauge("node_load15") is { } load15
                ? [load1, load5, load15]
                : null,
            MemoryTotalBytes = (long?)total,
            MemoryAvailableBytes = (long?)available,
            MemoryUsedBytes = (long?)(total - available),
            SwapUsedBytes = (long?)(Gauge("node_memory_SwapTotal_bytes") - Gauge("node_memory_SwapFree_bytes")),
            NetworkRxBytesPerSecond = Rate(_received, previous?._received, seconds),
            NetworkTxBytesPerSecond = Rate(_transmitted, previous?._transmitted, seconds),
            DiskReadBytesPerSecond = Rate(_read, previous?._read, seconds),
            DiskWriteBytesPerSecond = Rate(_written, previous?._written, seconds),
            DiskBusyPercent = Busiest(_busy, previous?._busy, seconds),
            TcpStates = established is { } count ? new Dictionary<string, int> { ["ESTABLISHED"] = (int)count } : null,
        };
    }

    private double? Gauge(string name) => _gauges.TryGetValue(name, out var value) ? value : null;

    private double? TotalCpuPercent(NodeScrape previous)
    {
        var cpus = CommonCpus(previous).ToList();
        return CpuPercent(Sum(cpus.Select(cpu => _cpus[cpu])), Sum(cpus.Select(cpu => previous._cpus[cpu])));
    }

    private List<double>? CoresPercent(NodeScrape previous)
    {
        var cores = new List<double>();
        foreach (var cpu in CommonCpus(previous).OrderBy(CpuNumber).ThenBy(cpu => cpu, StringComparer.Ordinal))
        {
            // A core left out would shift the ones after it to the wrong index, so one bad core voids the list.
            if (CpuPercent(_cpus[cpu], previous._cpus[cpu]) is not { } percent)
            {
                return null;
            }

            cores.Add(percent);
        }

        return cores.Count > 0 ? cores : null;
    }

    private IEnumerable<string> CommonCpus(NodeScrape previous) => _cpus.Keys.Where(previous._cpus.ContainsKey);

    private static int CpuNumber(string cpu) =>
        int.TryParse(cpu, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : int.MaxValue;

    private static (double Idle, double All) Sum(IEnumerable<(double Idle, double All)> cpus) =>
        cpus.Aggregate((Idle: 0.0, All: 0.0), (sum, cpu) => (sum.Idle + cpu.Idle, sum.All + cpu.All));

    private static double? CpuPercent((double Idle, double All) now, (double Idle, double All) before)
    {
        var all = now.All - before.All;
        if (!(all > 0))
        {
            return null;
        }

        // The kernel's iowait counter may step backwards, so idle can outgrow all by a hair.
        return Math.Clamp(100 * (1 - ((now.Idle - before.Idle) / all)), 0, 100);
    }

    private static double? Rate(Dictionary<string, double> now, Dictionary<string, double>? before, double seconds)
    {
        if (before is null || now.Count == 0 || !(seconds > 0))
        {
            return null;
        }

        // Devices that came or went (a container's veth) or whose counter restarted count as idle this second,
        // rather than adding their whole lifetime total to it.
        var bytes = 0.0;
        foreach (var (device, value) in now)
        {
            if (before.TryGetValue(device, out var earlier) && value >= earlier)
            {
                bytes += value - earlier;
            }
        }

        return bytes / seconds;
    }

    /// <summary>The busiest disk's seconds of I/O per second, as a percentage (0–100); null without a previous scrape.</summary>
    private static double? Busiest(Dictionary<string, double> now, Dictionary<string, double>? before, double seconds)
    {
        if (before is null || now.Count == 0 || !(seconds > 0))
        {
            return null;
        }

        double? busiest = null;
        foreach (var (device, value) in now)
        {
            if (before.TryGetValue(device, out var earlier) && value >= earlier)
            {
                busiest = Math.Max(busiest ?? 0, Math.Min(100, (value - earlier) / seconds * 100));
            }
        }

        return busiest;
    }

    /// <summary>
    /// Interfaces whose traffic is another interface's again (loopback, container and VM bridges and
    /// their veths): node_exporter lists them all, and sysfs, which tells `local` apart, is not reachable here.
    /// </summary>
    [GeneratedRegex(@"^(?:lo|veth.*|docker\d*|br-.*|virbr.*|cni\d*|flannel\..*|cali.*|vxlan\..*|tunl\d*|kube-.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex VirtualInterface();
}
