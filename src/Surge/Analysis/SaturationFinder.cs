using Surge.Monitoring;
using Surge.Timeline;
using Surge.Outcome;

namespace Surge.Analysis;

/// <summary>
/// Finds the monitored resources that stayed at their limit for <see cref="DiagnosisThresholds.SustainedSeconds"/>
/// seconds in a row while there was load, each with the load figures from that second on.
/// </summary>
internal static class SaturationFinder
{
    /// <summary>Every saturated resource of every target, the earliest first.</summary>
    /// <param name="timeline">The run's seconds, with their resource samples.</param>
    /// <param name="load">The same seconds' load figures.</param>
    public static IReadOnlyList<Bottleneck> Find(RunTimeline timeline, LoadSeries load)
    {
        var found = new List<Bottleneck>();
        if (load.Loaded.Count == 0)
        {
            return found;
        }

        // Only seconds with load: a resource busy before the test or after it is not the test's bottleneck.
        var first = load.Loaded[0];
        var last = load.Loaded[^1];
        var targets = new Dictionary<string, List<(int Second, ResourceSample Sample)>>(StringComparer.Ordinal);
        for (var i = first; i <= last; i++)
        {
            foreach (var sample in timeline.Seconds[i].Resources)
            {
                if (!targets.TryGetValue(sample.Target, out var samples))
                {
                    targets[sample.Target] = samples = [];
                }

                samples.Add((i, sample));
            }
        }

        foreach (var (target, samples) in targets)
        {
            var kind = samples[^1].Sample.Kind;
            var host = kind == "host";
            if (kind == "cgroup")
            {
                // A container: CPU is already a share of what it may use (its quota), memory is held against its limit.
                Probe(found, load, target, kind, LimitedResource.Cpu, samples, s => s.Sample.CpuPercent, _ => 100);
                Probe(found, load, target, kind, LimitedResource.Memory, samples, s => s.Sample.MemoryUsedBytes, s => s.Sample.MemoryLimitBytes);
                continue;
            }

            // A process cannot use more cores than it has threads: a single-threaded server is at its limit at one core.
            Probe(found, load, target, kind, LimitedResource.Cpu, samples, s => s.Sample.CpuPercent, s => host ? 100 : 100 * Math.Min(CoresOf(timeline.Seconds[s.Second]), Math.Max(1, s.Sample.Threads ?? int.MaxValue)));
            if (!host)
            {
                Probe(found, load, target, kind, LimitedResource.Descriptors, samples, s => s.Sample.OpenFiles, s => s.Sample.OpenFilesLimit);
            }
            else
            {
                Probe(found, load, target, kind, LimitedResource.Memory, samples, s => s.Sample.MemoryUsedBytes, s => s.Sample.MemoryTotalBytes);
                Probe(found, load, target, kind, LimitedResource.Network, samples, Network, s => Network(s) is { } rate ? Link(rate) : null);
                Probe(found, load, target, kind, LimitedResource.Ports, samples, TimeWait, _ => DiagnosisThresholds.EphemeralPorts);
                Probe(found, load, target, kind, LimitedResource.Disk, samples, s => s.Sample.DiskBusyPercent, _ => 100);
                Swap(found, load, target, kind, samples);
            }
        }

        return [.. found.OrderBy(b => b.From).ThenBy(b => b.Kind == "process" ? 0 : 1).ThenBy(b => b.Resource)];
    }

    private static void Probe(
        List<Bottleneck> found,
        LoadSeries load,
        string target,
        string kind,
        LimitedResource resource,
        List<(int Second, ResourceSample Sample)> samples,
        Func<(int Second, ResourceSample Sample), double?> value,
        Func<(int Second, ResourceSample Sample), double?> capacity)
    {
        var at = samples.Select(s => value(s) is { } v && capacity(s) is { } c && c > 0 && v >= DiagnosisThresholds.Saturated * c).ToList();
        if (FirstRun(samples, at) is not { } start)
        {
            return;
        }

        var end = at.LastIndexOf(true);
        var values = Enumerable.Range(start, end - start + 1).Select(i => value(samples[i])).OfType<double>().ToList();
        found.Add(Make(load, target, kind, resource, samples, start, end, values.Min(), values.Max(), capacity(samples[start])!.Value));
    }

    private static double? Network((int Second, ResourceSample Sample) s) =>
        s.Sample.NetworkRxBytesPerSecond is null && s.Sample.NetworkTxBytesPerSecond is null
            ? null
            : Math.Max(s.Sample.NetworkRxBytesPerSecond ?? 0, s.Sample.NetworkTxBytesPerSecond ?? 0);

    private static double? TimeWait((int Second, ResourceSample Sample) s) =>
        s.Sample.TcpStates is { } states && states.TryGetValue("TIME_WAIT", out var count) ? count : null;

    private static void Swap(List<Bottleneck> found, LoadSeries load, string target, string kind, List<(int Second, ResourceSample Sample)> samples)
    {
        var at = samples.Select((s, i) => i > 0
            && s.Sample.SwapUsedBytes is { } now
            && samples[i - 1].Sample.SwapUsedBytes is { } before
            && now - before >= DiagnosisThresholds.SwapGrowthBytes).ToList();
        if (FirstRun(samples, at) is not { } start)
        {
            return;
        }

        var end = at.LastIndexOf(true);
        var low = (double)samples[start - 1].Sample.SwapUsedBytes!.Value;
        var high = (double)samples[end].Sample.SwapUsedBytes!.Value;
        found.Add(Make(load, target, kind, LimitedResource.Swap, samples, start, end, low, high, 0));
    }

    /// <summary>The index of the first of <see cref="DiagnosisThresholds.SustainedSeconds"/> samples in a row (of consecutive seconds) at the limit.</summary>
    private static int? FirstRun(List<(int Second, ResourceSample Sample)> samples, List<bool> at)
    {
        var run = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            run = at[i] && (run == 0 || samples[i].Second == samples[i - 1].Second + 1) ? run + 1 : at[i] ? 1 : 0;
            if (run == DiagnosisThresholds.SustainedSeconds)
            {
                return i - run + 1;
            }
        }

        return null;
    }

    private static Bottleneck Make(
        LoadSeries load, string target, string kind, LimitedResource resource, List<(int Second, ResourceSample Sample)> samples, int start, int end, double low, double high, double capacity)
    {
        var from = samples[start].Second;
        var to = samples[end].Second;
        var during = load.Loaded.Where(i => i >= from && i <= to).ToList();
        var before = load.Loaded.Where(i => i < from).ToList();
        var limitCores = kind == "cgroup" && resource == LimitedResource.Cpu ? samples[start].Sample.CpuLimitCores : null;
        return new Bottleneck(
            target,
            kind,
            TargetRoles.Of(target),
            resource,
            load.StartOf(from),
            low,
            high,
            capacity,
            load.MeanTps(during),
            load.TpsSpreadPercent(during),
            before.Count == 0 ? null : load.P95Ms(before),
            load.P95Ms(during),
            limitCores);
    }

    /// <summary>Cores the processes on this host can use: the host sample's core count, else this machine's.</summary>
    private static int CoresOf(TimelineSecond second) =>
        second.Resources.Where(r => r.Kind == "host" && r.CoresPercent is { Count: > 0 })
            .OrderBy(r => r.Target == "local" ? 0 : 1)
            .Select(r => r.CoresPercent!.Count)
            .FirstOrDefault(Environment.ProcessorCount);

    /// <summary>The standard link whose speed <paramref name="bytesPerSecond"/> is near (within 90 %–105 %); null when none.</summary>
    private static double? Link(double bytesPerSecond) =>
        DiagnosisThresholds.LinkBitsPerSecond
            .Select(bits => bits / 8)
            .Where(link => bytesPerSecond >= DiagnosisThresholds.Saturated * link && bytesPerSecond <= (1 + DiagnosisThresholds.LinkOvershoot) * link)
            .Cast<double?>()
            .FirstOrDefault();
}
