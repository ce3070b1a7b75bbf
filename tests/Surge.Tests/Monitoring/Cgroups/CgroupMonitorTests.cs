using Microsoft.Extensions.Time.Testing;
using Surge.Monitoring;
using Surge.Monitoring.Cgroups;

namespace Surge.Tests.Monitoring.Cgroups;

/// <summary>The cgroup monitor on fake v1 and v2 trees: CPU of the quota, memory of the limit, throttling.</summary>
public sealed class CgroupMonitorTests
{
    private const long MiB = 1024 * 1024;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task V2_HalfCoreQuota_CpuIsTheShareOfTheQuota()
    {
        using var tree = FakeCgroupTree.V2(hostCores: 4);
        tree.GroupV2("system.slice/web.service", cpuMax: "50000 100000", usageMicros: 1_000_000);
        using var monitor = Monitor(tree, "/system.slice/web.service");

        var first = await SampleAsync(monitor);
        tree.CpuStatV2("system.slice/web.service", 1_450_000); // 0.45 s of CPU in 1 s: 0.45 of 0.5 core
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await SampleAsync(monitor);

        Assert.Null(first.CpuPercent); // no interval yet
        Assert.Equal("cgroup", second.Kind);
        Assert.Equal("web", second.Target);
        Assert.Equal(90, second.CpuPercent!.Value, 6);
        Assert.Equal(0.5, second.CpuQuotaCores);
        Assert.Equal(0.5, second.CpuLimitCores);
    }

    [Fact]
    public async Task V2_NoQuota_CpuIsTheShareOfTheHostsCores()
    {
        using var tree = FakeCgroupTree.V2(hostCores: 4);
        tree.GroupV2("app", cpuMax: "max 100000", usageMicros: 0);
        using var monitor = Monitor(tree, "app");

        await SampleAsync(monitor);
        tree.CpuStatV2("app", 4_000_000, periods: 0); // 2 cores busy for 2 s
        _time.Advance(TimeSpan.FromSeconds(2));
        var sample = await SampleAsync(monitor);

        Assert.Equal(50, sample.CpuPercent!.Value, 6);
        Assert.Null(sample.CpuQuotaCores);
        Assert.Equal(4, sample.CpuLimitCores);
        Assert.Null(sample.CpuThrottledPercent); // no quota, nothing to be throttled by
    }

    [Fact]
    public async Task V2_NoQuotaButACpuset_CpuIsTheShareOfItsCpus()
    {
        using var tree = FakeCgroupTree.V2(hostCores: 8);
        tree.GroupV2("app");
        tree.Write("app", "cpuset.cpus.effective", "2-3");
        using var monitor = Monitor(tree, "app");

        await SampleAsync(monitor);
        tree.CpuStatV2("app", 1_000_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        var sample = await SampleAsync(monitor);

        Assert.Equal(2, sample.CpuLimitCores);
        Assert.Equal(50, sample.CpuPercent!.Value, 6);
    }

    [Fact]
    public async Task V2_QuotaAboveTheHostsCores_IsCappedByTheCores()
    {
        using var tree = FakeCgroupTree.V2(hostCores: 2);
        tree.GroupV2("app", cpuMax: "800000 100000");
        using var monitor = Monitor(tree, "app");

        var sample = await SampleAsync(monitor);

        Assert.Equal(8, sample.CpuQuotaCores);
        Assert.Equal(2, sample.CpuLimitCores); // 100 % is what it can get, not what it may
    }

    [Fact]
    public async Task V2_ParentsQuotaIsTighter_TheParentsCounts()
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("kubepods/pod1/app", cpuMax: "200000 100000");
        tree.Write("kubepods/pod1", "cpu.max", "150000 100000");
        tree.Write("kubepods/pod1", "memory.max", (256 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var monitor = Monitor(tree, "kubepods/pod1/app");

        var sample = await SampleAsync(monitor);

        Assert.Equal(1.5, sample.CpuQuotaCores);
        Assert.Equal(256 * MiB, sample.MemoryLimitBytes);
    }

    [Fact]
    public async Task V2_Memory_IsTheWorkingSetAgainstTheLimit()
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("app", memoryBytes: 300 * MiB, inactiveFileBytes: 100 * MiB, memoryMax: (512 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture));
        tree.Write("app", "memory.swap.current", (8 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var monitor = Monitor(tree, "app");

        var sample = await SampleAsync(monitor);

        Assert.Equal(200 * MiB, sample.MemoryUsedBytes);
        Assert.Equal(512 * MiB, sample.MemoryLimitBytes);
        Assert.Equal(8 * MiB, sample.SwapUsedBytes);
    }

    [Fact]
    public async Task V2_MemoryMax_IsNoLimit()
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("app", memoryBytes: 50 * MiB, memoryMax: "max");
        using var monitor = Monitor(tree, "app");

        var sample = await SampleAsync(monitor);

        Assert.Equal(50 * MiB, sample.MemoryUsedBytes);
        Assert.Null(sample.MemoryLimitBytes);
    }

    [Fact]
    public async Task V2_Throttling_IsTheShareOfPeriodsAndTheTimeHeldBack()
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("app", cpuMax: "50000 100000");
        tree.CpuStatV2("app", 0, periods: 100, throttled: 20, throttledMicros: 1_000_000);
        using var monitor = Monitor(tree, "app");

        await SampleAsync(monitor);
        tree.CpuStatV2("app", 500_000, periods: 110, throttled: 25, throttledMicros: 1_200_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        var sample = await SampleAsync(monitor);

        Assert.Equal(50, sample.CpuThrottledPercent!.Value, 6);
        Assert.Equal(200, sample.CpuThrottledMillisPerSecond!.Value, 6);
        Assert.Equal(100, sample.CpuPercent!.Value, 6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task V1_QuotaOfOneAndAHalfCores_CpuIsTheShareOfTheQuota(bool coMounted)
    {
        using var tree = FakeCgroupTree.V1(hostCores: 4, coMounted);
        tree.GroupV1("docker/abc", quotaMicros: 150_000, usageNanos: 5_000_000_000);
        using var monitor = Monitor(tree, $"/{tree.CpuFolder}/docker/abc");

        await SampleAsync(monitor);
        tree.UsageV1("docker/abc", 5_750_000_000); // 0.75 s in 1 s: half of 1.5 cores
        tree.CpuStatV1("docker/abc", periods: 10, throttled: 1, throttledNanos: 30_000_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        var sample = await SampleAsync(monitor);

        Assert.Equal(50, sample.CpuPercent!.Value, 6);
        Assert.Equal(1.5, sample.CpuQuotaCores);
        Assert.Equal(10, sample.CpuThrottledPercent!.Value, 6);
        Assert.Equal(30, sample.CpuThrottledMillisPerSecond!.Value, 6);
    }

    [Fact]
    public async Task V1_NoQuota_CpuIsTheShareOfTheHostsCores()
    {
        using var tree = FakeCgroupTree.V1(hostCores: 2);
        tree.GroupV1("app", quotaMicros: -1);
        using var monitor = Monitor(tree, "app");

        await SampleAsync(monitor);
        tree.UsageV1("app", 500_000_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        var sample = await SampleAsync(monitor);

        Assert.Equal(25, sample.CpuPercent!.Value, 6);
        Assert.Null(sample.CpuQuotaCores);
        Assert.Equal(2, sample.CpuLimitCores);
        Assert.Null(sample.CpuThrottledPercent);
    }

    [Fact]
    public async Task V1_Memory_IsTheWorkingSetAgainstTheTighterOfItsOwnAndItsParentsLimit()
    {
        using var tree = FakeCgroupTree.V1();
        tree.GroupV1("app", memoryBytes: 300 * MiB, inactiveFileBytes: 60 * MiB, limitBytes: 1024 * MiB);
        tree.MemoryStatV1("app", 60 * MiB, hierarchicalLimitBytes: 512 * MiB, swapBytes: 4 * MiB);
        using var monitor = Monitor(tree, "app");

        var sample = await SampleAsync(monitor);

        Assert.Equal(240 * MiB, sample.MemoryUsedBytes);
        Assert.Equal(512 * MiB, sample.MemoryLimitBytes);
        Assert.Equal(4 * MiB, sample.SwapUsedBytes);
    }

    [Fact]
    public async Task V1_HugeLimit_IsNoLimit()
    {
        using var tree = FakeCgroupTree.V1();
        tree.GroupV1("app", memoryBytes: 10 * MiB, limitBytes: 9223372036854771712);
        using var monitor = Monitor(tree, "app");

        var sample = await SampleAsync(monitor);

        Assert.Equal(10 * MiB, sample.MemoryUsedBytes);
        Assert.Null(sample.MemoryLimitBytes);
    }

    [Fact]
    public async Task GroupRemoved_IsAOneLineMonitorError_AndTheCountersStartAgain()
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("app", usageMicros: 9_000_000);
        using var monitor = Monitor(tree, "app");
        await SampleAsync(monitor);

        Directory.Delete(Path.Combine(tree.Root, "app"), recursive: true);
        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));
        tree.GroupV2("app", usageMicros: 100_000); // made again: its counters start from 0
        _time.Advance(TimeSpan.FromSeconds(1));
        var again = await SampleAsync(monitor);

        Assert.Contains("cgroup /app is gone", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Null(again.CpuPercent); // a fresh baseline, not a negative or a huge jump
    }

    [Fact]
    public async Task CounterWentBack_CpuIsUnknownRatherThanNegative()
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("app", usageMicros: 9_000_000);
        using var monitor = Monitor(tree, "app");
        await SampleAsync(monitor);

        tree.CpuStatV2("app", 1_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        var sample = await SampleAsync(monitor);

        Assert.Null(sample.CpuPercent);
    }

    private CgroupMonitor Monitor(FakeCgroupTree tree, string path)
    {
        var layout = CgroupLayout.Resolve(path, tree.Root, out var error) ?? throw new InvalidOperationException(error);
        return new CgroupMonitor(layout, "web", "cgroup:" + path, tree.ProcRoot, _time);
    }

    private static async Task<ResourceSample> SampleAsync(CgroupMonitor monitor) =>
        Assert.Single(await monitor.SampleAsync(CancellationToken.None));
}
