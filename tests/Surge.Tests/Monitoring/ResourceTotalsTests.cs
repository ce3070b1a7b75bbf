using System.Text.Json;
using Surge.Monitoring;

namespace Surge.Tests.Monitoring;

/// <summary>A cgroup's quota, limit and throttling reach the summary and the JSON, and older files still read.</summary>
public sealed class ResourceTotalsTests
{
    private static readonly ResourceSample[] Cgroup =
    [
        new() { Target = "web", Kind = "cgroup", MemoryUsedBytes = 100, MemoryLimitBytes = 1000, CpuLimitCores = 0.5, CpuQuotaCores = 0.5 },
        new() { Target = "web", Kind = "cgroup", CpuPercent = 60, CpuThrottledPercent = 10, MemoryUsedBytes = 300, MemoryLimitBytes = 1000, CpuLimitCores = 0.5, CpuQuotaCores = 0.5 },
        new() { Target = "web", Kind = "cgroup", CpuPercent = 100, CpuThrottledPercent = 80, CpuThrottledMillisPerSecond = 450, MemoryUsedBytes = 200, MemoryLimitBytes = 1000, CpuLimitCores = 0.5, CpuQuotaCores = 0.5 },
    ];

    [Fact]
    public void Cgroup_SummaryHasItsQuotaLimitAndThrottlingPeak()
    {
        var totals = new ResourceTotals();
        foreach (var sample in Cgroup)
        {
            totals.Add([sample]);
        }

        var summary = Assert.Single(totals.Summaries());

        Assert.Equal("cgroup", summary.Kind);
        Assert.Equal(80, summary.CpuAverage);
        Assert.Equal(100, summary.CpuPeak);
        Assert.Equal(300, summary.MemoryPeakBytes);
        Assert.Equal(1000, summary.MemoryLimitBytes);
        Assert.Equal(0.5, summary.CpuQuotaCores);
        Assert.Equal(0.5, summary.CpuLimitCores);
        Assert.Equal(80, summary.CpuThrottledPeak);
    }

    [Fact]
    public void HostAndProcess_SummaryHasNoCgroupFields()
    {
        var totals = new ResourceTotals();
        totals.Add([new ResourceSample { Target = "local", Kind = "host", CpuPercent = 20, MemoryUsedBytes = 5, MemoryTotalBytes = 10 }]);

        var summary = Assert.Single(totals.Summaries());

        Assert.Null(summary.CpuLimitCores);
        Assert.Null(summary.MemoryLimitBytes);
        Assert.Null(summary.CpuThrottledPeak);
        Assert.DoesNotContain("Limit", JsonSerializer.Serialize(summary, ResourceJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void CgroupSampleAndSummary_RoundTripThroughJson()
    {
        var totals = new ResourceTotals();
        totals.Add(Cgroup);
        var summary = Assert.Single(totals.Summaries());

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ResourceJson.Write(writer, Cgroup);
        }

        using var samples = JsonDocument.Parse(buffer.ToArray());
        var summaryBack = JsonSerializer.Deserialize<ResourceSummary>(JsonSerializer.Serialize(summary, ResourceJson.Options), ResourceJson.Options);

        Assert.Equal(Cgroup, ResourceJson.Read(samples.RootElement));
        Assert.Equal(summary, summaryBack);
        Assert.Contains("\"cpuQuotaCores\":0.5", JsonSerializer.Serialize(summary, ResourceJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonWrittenBeforeCgroups_StillReads()
    {
        const string OldSamples = """[{"target":"local","kind":"host","cpuPercent":12.5,"memoryUsedBytes":100,"memoryTotalBytes":400}]""";
        const string OldSummary = """{"target":"db","kind":"process","samples":3,"cpuAverage":40,"cpuPeak":90,"memoryPeakBytes":2048}""";

        using var samples = JsonDocument.Parse(OldSamples);
        var sample = Assert.Single(ResourceJson.Read(samples.RootElement));
        var summary = JsonSerializer.Deserialize<ResourceSummary>(OldSummary, ResourceJson.Options)!;

        Assert.Equal(12.5, sample.CpuPercent);
        Assert.Null(sample.CpuLimitCores);
        Assert.Null(sample.MemoryLimitBytes);
        Assert.Equal(90, summary.CpuPeak);
        Assert.Null(summary.CpuQuotaCores);
        Assert.Null(summary.CpuThrottledPeak);
    }
}
