using Surge.Monitoring;
using Surge.Reports.Console;

namespace Surge.Cli.Tests.Reports;

/// <summary>A cgroup's line says what its CPU % is a share of and its memory limit, or that it has none.</summary>
public sealed class ResourceLineTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Cgroup_WithQuotaAndLimit_SaysBothAndTheThrottling()
    {
        var sample = new ResourceSample
        {
            Target = "web",
            Kind = "cgroup",
            CpuPercent = 98.4,
            CpuLimitCores = 0.5,
            CpuQuotaCores = 0.5,
            CpuThrottledPercent = 90,
            CpuThrottledMillisPerSecond = 480.2,
            MemoryUsedBytes = 210 * MiB,
            MemoryLimitBytes = 512 * MiB,
        };

        Assert.Equal("web: CPU 98% of a 0.5-core quota  mem 210 MiB / 512 MiB limit  throttled 90% of periods, 480 ms/s", ResourceLine.For(sample));
    }

    [Fact]
    public void Cgroup_WithoutQuotaOrLimit_SaysOfWhatAndNoLimit()
    {
        var sample = new ResourceSample { Target = "web", Kind = "cgroup", CpuPercent = 24, CpuLimitCores = 2, MemoryUsedBytes = 64 * MiB };

        Assert.Equal("web: CPU 24% of 2 cores (no quota)  mem 64 MiB (no limit)", ResourceLine.For(sample));
    }

    [Fact]
    public void Cgroup_QuotaAboveTheCoresItCanRunOn_SaysTheCores()
    {
        var sample = new ResourceSample { Target = "web", Kind = "cgroup", CpuPercent = 50, CpuLimitCores = 1, CpuQuotaCores = 4, MemoryUsedBytes = MiB };

        Assert.Equal("web: CPU 50% of 1 core (its quota, 4, is more)  mem 1 MiB (no limit)", ResourceLine.For(sample));
    }

    [Fact]
    public void Cgroup_FirstSample_HasNoCpuYet()
    {
        var sample = new ResourceSample { Target = "web", Kind = "cgroup", CpuLimitCores = 0.5, CpuQuotaCores = 0.5, MemoryUsedBytes = MiB, MemoryLimitBytes = 2 * MiB };

        Assert.Equal("web: CPU …  mem 1 MiB / 2 MiB limit", ResourceLine.For(sample));
    }

    [Fact]
    public void Cgroup_Peaks_SayTheQuotaTheLimitAndTheWorstThrottling()
    {
        var target = new ResourceSummary("web", "cgroup", 30, 80.4, 100.2, 300 * MiB, null, null, null)
        {
            CpuLimitCores = 0.5,
            CpuQuotaCores = 0.5,
            MemoryLimitBytes = 512 * MiB,
            CpuThrottledPeak = 92,
        };

        Assert.Equal("CPU avg 80%, peak 100% of a 0.5-core quota  memory peak 300 MiB of 512 MiB limit  throttled in up to 92% of periods", ResourceLine.Peaks(target));
    }
}
