namespace Surge.Monitoring;

/// <summary>Adds up resource samples second by second into one <see cref="ResourceSummary"/> per target.</summary>
internal sealed class ResourceTotals
{
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);

    /// <summary>Adds one second's samples.</summary>
    public void Add(IEnumerable<ResourceSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var sample in samples)
        {
            if (!_targets.TryGetValue(sample.Target, out var target))
            {
                _targets[sample.Target] = target = new Target(sample.Target, sample.Kind);
            }

            target.Add(sample);
        }
    }

    /// <summary>Notes why a target could not be read (kept for the summary).</summary>
    public void Problem(string label, string kind, string problem)
    {
        if (!_targets.TryGetValue(label, out var target))
        {
            _targets[label] = target = new Target(label, kind);
        }

        target.Problem = problem;
    }

    /// <summary>Every target, in the order first seen.</summary>
    public IReadOnlyList<ResourceSummary> Summaries() => [.. _targets.Values.Select(t => t.Summary())];

    private sealed class Target(string label, string firstKind)
    {
        private int _samples;
        private int _cpuSamples;
        private double _cpuSum;
        private double? _cpuPeak;
        private long? _memoryPeak;
        private long? _memoryTotal;
        private double? _rxPeak;
        private double? _txPeak;
        private double? _cpuLimitCores;
        private double? _cpuQuotaCores;
        private long? _memoryLimit;
        private double? _throttledPeak;

        private string _kind = firstKind;

        public string? Problem { get; set; }

        public void Add(ResourceSample sample)
        {
            _samples++;
            _kind = sample.Kind; // a source first seen failing has no kind until its first sample
            if (sample.CpuPercent is { } cpu)
            {
                _cpuSamples++;
                _cpuSum += cpu;
                _cpuPeak = Math.Max(_cpuPeak ?? cpu, cpu);
            }

            _memoryPeak = Max(_memoryPeak, sample.MemoryUsedBytes);
            _memoryTotal = sample.MemoryTotalBytes ?? _memoryTotal;
            _rxPeak = Max(_rxPeak, sample.NetworkRxBytesPerSecond);
            _txPeak = Max(_txPeak, sample.NetworkTxBytesPerSecond);
            _throttledPeak = Max(_throttledPeak, sample.CpuThrottledPercent);
            if (sample.Kind == "cgroup")
            {
                // Limits can change during a run (docker update); the last one is what the group has now.
                _cpuLimitCores = sample.CpuLimitCores;
                _cpuQuotaCores = sample.CpuQuotaCores;
                _memoryLimit = sample.MemoryLimitBytes;
            }
        }

        public ResourceSummary Summary() => new(
            label,
            _kind,
            _samples,
            _cpuSamples == 0 ? null : _cpuSum / _cpuSamples,
            _cpuPeak,
            _memoryPeak,
            _memoryTotal,
            _rxPeak,
            _txPeak)
        {
            Problem = Problem,
            CpuLimitCores = _cpuLimitCores,
            CpuQuotaCores = _cpuQuotaCores,
            MemoryLimitBytes = _memoryLimit,
            CpuThrottledPeak = _throttledPeak,
        };

        private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

        private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
    }
}
