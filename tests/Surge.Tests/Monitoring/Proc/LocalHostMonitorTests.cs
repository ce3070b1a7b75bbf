using Microsoft.Extensions.Time.Testing;
using Surge.Monitoring;
using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class LocalHostMonitorTests
{
    private const long KiB = 1024;

    [Fact]
    public async Task SampleAsync_FirstCall_FillsMemoryLoadAndTcp_LeavesRatesNull()
    {
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        using var monitor = new LocalHostMonitor(procRoot: proc.Root, timeProvider: new FakeTimeProvider(), sysRoot: proc.SysRoot);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal("local", sample.Target);
        Assert.Equal("host", sample.Kind);
        Assert.Null(sample.CpuPercent);
        Assert.Null(sample.CoresPercent);
        Assert.Null(sample.NetworkRxBytesPerSecond);
        Assert.Null(sample.NetworkTxBytesPerSecond);
        Assert.Null(sample.DiskReadBytesPerSecond);
        Assert.Null(sample.DiskWriteBytesPerSecond);
        Assert.Equal([0.79, 2.23, 1.87], sample.LoadAverage);
        Assert.Equal(24684092 * KiB, sample.MemoryTotalBytes);
        Assert.Equal(24144976 * KiB, sample.MemoryAvailableBytes);
        Assert.Equal((24684092 - 24144976) * KiB, sample.MemoryUsedBytes);
        Assert.Equal(1024 * 1024 * KiB, sample.SwapUsedBytes);
        Assert.Equal(
            new Dictionary<string, int> { ["LISTEN"] = 3, ["ESTABLISHED"] = 4, ["TIME_WAIT"] = 1, ["CLOSE_WAIT"] = 1 },
            sample.TcpStates);
    }

    [Fact]
    public async Task SampleAsync_SecondCall_MeasuresCpuAndRatesOverTheElapsedTime()
    {
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        var time = new FakeTimeProvider();
        using var monitor = new LocalHostMonitor("web", proc.Root, time, proc.SysRoot);
        await monitor.SampleAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2));
        proc.CopyFrom(ProcFixtures.Path("host-after"));
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        // cpu: 400 ticks passed, 210 idle + 10 iowait; cpu0: 200 with 60 idle; cpu1: 200 with 160 idle.
        Assert.Equal("web", sample.Target);
        Assert.Equal(45.0, sample.CpuPercent!.Value, precision: 9);
        Assert.Equal(2, sample.CoresPercent!.Count);
        Assert.Equal(70.0, sample.CoresPercent[0], precision: 9);
        Assert.Equal(20.0, sample.CoresPercent[1], precision: 9);

        // eth0 + eth1 over 2 s: rx 3,000,000 + 200,000, tx 1,000,000 + 600,000; lo and the new veth9 left out.
        Assert.Equal(1_600_000.0, sample.NetworkRxBytesPerSecond);
        Assert.Equal(800_000.0, sample.NetworkTxBytesPerSecond);

        // vda + nvme0n1 over 2 s: read 2,000 + 1,000 sectors, written 8,000 + 4,000; partitions, loop, zram, dm-0 left out.
        Assert.Equal(3_000 * 512 / 2.0, sample.DiskReadBytesPerSecond);
        Assert.Equal(12_000 * 512 / 2.0, sample.DiskWriteBytesPerSecond);

        Assert.Equal([0.81, 2.20, 1.86], sample.LoadAverage);
        Assert.Equal((24684092 - 23096400) * KiB, sample.MemoryUsedBytes);
        Assert.Equal(
            new Dictionary<string, int> { ["LISTEN"] = 3, ["ESTABLISHED"] = 1, ["SYN_SENT"] = 1, ["CLOSE_WAIT"] = 1 },
            sample.TcpStates);
    }

    [Fact]
    public async Task SampleAsync_RatesFollowTheClock_NotTheCallCount()
    {
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        var time = new FakeTimeProvider();
        using var monitor = new LocalHostMonitor(procRoot: proc.Root, timeProvider: time, sysRoot: proc.SysRoot);
        await monitor.SampleAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMilliseconds(500));
        proc.CopyFrom(ProcFixtures.Path("host-after"));
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(3_200_000 / 0.5, sample.NetworkRxBytesPerSecond);
    }

    [Fact]
    public async Task SampleAsync_VirtualInterfaces_AreLeftOutOfTheNetworkRates()
    {
        // Traffic to a container crosses eth1, then the bridge, then the veth: counted once, on eth1.
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        proc.MarkVirtualInterfaces("lo", "ifb0", "eth0");
        var sample = await BeforeThenAfterAsync(proc);

        Assert.Equal(100_000.0, sample.NetworkRxBytesPerSecond);
        Assert.Equal(300_000.0, sample.NetworkTxBytesPerSecond);
    }

    [Fact]
    public async Task SampleAsync_OnlyVirtualInterfaces_AsInAContainer_CountsThemAll()
    {
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        proc.MarkVirtualInterfaces("lo", "ifb0", "eth0", "eth1", "veth9");
        var sample = await BeforeThenAfterAsync(proc);

        Assert.Equal(1_600_000.0, sample.NetworkRxBytesPerSecond);
        Assert.Equal(800_000.0, sample.NetworkTxBytesPerSecond);
    }

    [Fact]
    public async Task SampleAsync_OptionalFilesMissing_LeavesTheirFieldsNull()
    {
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        File.Delete(Path.Combine(proc.Root, "diskstats"));
        File.Delete(Path.Combine(proc.Root, "net", "tcp6"));
        var time = new FakeTimeProvider();
        using var monitor = new LocalHostMonitor(procRoot: proc.Root, timeProvider: time, sysRoot: proc.SysRoot);
        await monitor.SampleAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(1));
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Null(sample.DiskReadBytesPerSecond);
        Assert.Null(sample.DiskWriteBytesPerSecond);
        Assert.Equal(0.0, sample.NetworkRxBytesPerSecond);
        Assert.Equal(new Dictionary<string, int> { ["LISTEN"] = 2, ["ESTABLISHED"] = 3, ["TIME_WAIT"] = 1 }, sample.TcpStates);
    }

    [Fact]
    public async Task SampleAsync_CoreCountChanged_MeasuresAllCoresButNoneSingly()
    {
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        var time = new FakeTimeProvider();
        using var monitor = new LocalHostMonitor(procRoot: proc.Root, timeProvider: time, sysRoot: proc.SysRoot);
        await monitor.SampleAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2));
        proc.CopyFrom(ProcFixtures.Path("host-after"));
        var statPath = Path.Combine(proc.Root, "stat");
        File.WriteAllLines(statPath, File.ReadAllLines(statPath).Where(static line => !line.StartsWith("cpu1 ")));
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(45.0, sample.CpuPercent!.Value, precision: 9);
        Assert.Null(sample.CoresPercent);
    }

    [Fact]
    public async Task SampleAsync_NoProcStat_ThrowsMonitorExceptionNamingTheFile()
    {
        using var proc = new FakeProcFolder();
        using var monitor = new LocalHostMonitor(procRoot: proc.Root, timeProvider: new FakeTimeProvider(), sysRoot: proc.SysRoot);

        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));

        Assert.Equal($"{Path.Combine(proc.Root, "stat")} does not exist (Surge reads /proc, which only Linux has)", error.Message);
    }

    [Fact]
    public async Task SampleAsync_MalformedFile_ThrowsMonitorExceptionNamingTheFile()
    {
        using var proc = new FakeProcFolder();
        proc.CopyFrom(ProcFixtures.Path("host-before"));
        File.WriteAllText(Path.Combine(proc.Root, "loadavg"), "high\n");
        using var monitor = new LocalHostMonitor(procRoot: proc.Root, timeProvider: new FakeTimeProvider(), sysRoot: proc.SysRoot);

        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));

        Assert.StartsWith($"cannot read {Path.Combine(proc.Root, "loadavg")}: ", error.Message);
    }

    [LinuxFact]
    public async Task SampleAsync_RealProc_GivesPlausibleFigures()
    {
        using var monitor = new LocalHostMonitor();
        await monitor.SampleAsync(CancellationToken.None);
        await Task.Delay(200);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal("local", monitor.Source);
        Assert.InRange(sample.CpuPercent!.Value, 0.0, 100.0);
        Assert.NotEmpty(sample.CoresPercent!);
        Assert.All(sample.CoresPercent!, static core => Assert.InRange(core, 0.0, 100.0));
        Assert.InRange(sample.MemoryUsedBytes!.Value, 1, sample.MemoryTotalBytes!.Value);
        Assert.Equal(sample.MemoryTotalBytes, sample.MemoryUsedBytes + sample.MemoryAvailableBytes);
        Assert.Equal(3, sample.LoadAverage!.Count);
        Assert.True(sample.NetworkRxBytesPerSecond >= 0);
    }

    /// <summary>Samples the host-before fixture, then host-after two seconds later, and returns the second sample.</summary>
    private static async Task<ResourceSample> BeforeThenAfterAsync(FakeProcFolder proc)
    {
        var time = new FakeTimeProvider();
        using var monitor = new LocalHostMonitor(procRoot: proc.Root, timeProvider: time, sysRoot: proc.SysRoot);
        await monitor.SampleAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2));
        proc.CopyFrom(ProcFixtures.Path("host-after"));
        return Assert.Single(await monitor.SampleAsync(CancellationToken.None));
    }
}
