using Microsoft.Extensions.Time.Testing;
using Surge.Monitoring;
using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

/// <summary>The process monitor over a fake /proc folder, with exact figures.</summary>
public class ProcessMonitorTests
{
    private const long KiB = 1024;

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task SampleAsync_ByName_SumsEveryMatchAndLeavesCpuNullAtFirst()
    {
        using var proc = new FakeProcFolder();
        WritePostgresBefore(proc);
        proc.WriteProcess(4300, "bash", utime: 50, stime: 50, threads: 1, rssKibibytes: 3000, openFiles: 4);
        using var monitor = new ProcessMonitor("postgres", procRoot: proc.Root, timeProvider: _time);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal("postgres", sample.Target);
        Assert.Equal("process", sample.Kind);
        Assert.Null(sample.CpuPercent);
        Assert.Equal(3, sample.Processes);
        Assert.Equal(5 + 1 + 1, sample.Threads);
        Assert.Equal((20480 + 4096 + 2048) * KiB, sample.MemoryUsedBytes);
        Assert.Equal(7 + 4 + 3, sample.OpenFiles);
        Assert.Null(sample.CoresPercent);
        Assert.Null(sample.MemoryTotalBytes);
    }

    [Fact]
    public async Task SampleAsync_SecondCall_CountsCpuOnlyOfProcessesSeenBothTimes()
    {
        using var proc = new FakeProcFolder();
        WritePostgresBefore(proc);
        using var monitor = new ProcessMonitor("postgres", "db", proc.Root, _time);
        await monitor.SampleAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(2));
        proc.WriteProcess(4242, "postgres", utime: 1100, stime: 230, threads: 5, startTicks: 5000, rssKibibytes: 20480, openFiles: 7);
        proc.WriteProcess(4243, "postgres", utime: 45, stime: 10, threads: 1, startTicks: 5001, rssKibibytes: 4096, openFiles: 4);

        // 4244 exited and its pid went to a new postgres; the new one's 700 ticks are not 2 seconds' work.
        proc.WriteProcess(4244, "postgres", utime: 700, stime: 0, threads: 2, startTicks: 9000, rssKibibytes: 1024, openFiles: 3);
        proc.WriteProcess(4250, "postgres", utime: 9999, stime: 0, threads: 1, startTicks: 9100, rssKibibytes: 1024, openFiles: 3);
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        // 4242: +130 ticks, 4243: +40 ticks: 1.7 s of CPU in 2 s.
        Assert.Equal("db", sample.Target);
        Assert.Equal(85.0, sample.CpuPercent!.Value, precision: 9);
        Assert.Equal(4, sample.Processes);
        Assert.Equal(5 + 1 + 2 + 1, sample.Threads);
        Assert.Equal((20480 + 4096 + 1024 + 1024) * KiB, sample.MemoryUsedBytes);
        Assert.Equal(7 + 4 + 3 + 3, sample.OpenFiles);
    }

    [Fact]
    public async Task SampleAsync_ProcessStartedSinceThePreviousSample_CountsAllItsCpu()
    {
        using var proc = new FakeProcFolder();
        WritePostgresBefore(proc);
        File.WriteAllText(Path.Combine(proc.Root, "uptime"), "100.00 180.00\n");
        using var monitor = new ProcessMonitor("postgres", procRoot: proc.Root, timeProvider: _time);
        await monitor.SampleAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(1));
        File.WriteAllText(Path.Combine(proc.Root, "uptime"), "101.00 181.50\n");
        proc.RemoveProcess(4243);
        proc.RemoveProcess(4244);
        proc.WriteProcess(4242, "postgres", utime: 1000, stime: 200, threads: 5, startTicks: 5000, rssKibibytes: 20480, openFiles: 7);
        // A backend for a new connection, started half a second ago (at 100.5 s since boot): its 30 ticks are all new.
        proc.WriteProcess(4300, "postgres", utime: 20, stime: 10, threads: 1, startTicks: (long)(100.5 * ClockTicks.PerSecond), rssKibibytes: 2048, openFiles: 3);
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(30.0 * 100 / ClockTicks.PerSecond, sample.CpuPercent!.Value, precision: 9);
        Assert.Equal(2, sample.Processes);
    }

    [Fact]
    public async Task SampleAsync_ProcessExitedBetweenSamples_IsNoLongerCounted()
    {
        using var proc = new FakeProcFolder();
        WritePostgresBefore(proc);
        using var monitor = new ProcessMonitor("postgres", procRoot: proc.Root, timeProvider: _time);
        await monitor.SampleAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(1));
        proc.RemoveProcess(4243);
        proc.RemoveProcess(4244);
        proc.WriteProcess(4242, "postgres", utime: 1150, stime: 250, threads: 5, startTicks: 5000, rssKibibytes: 20480, openFiles: 7);
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(200.0, sample.CpuPercent!.Value, precision: 9);
        Assert.Equal(1, sample.Processes);
        Assert.Equal(20480 * KiB, sample.MemoryUsedBytes);
    }

    [Fact]
    public async Task SampleAsync_TicksRoundedAboveWhatTheCoresAllow_CappedAtEveryCoreBusy()
    {
        using var proc = new FakeProcFolder();
        File.WriteAllText(Path.Combine(proc.Root, "stat"), "cpu  10 0 10 100 0 0 0 0 0 0\ncpu0 5 0 5 50 0 0 0 0 0 0\ncpu1 5 0 5 50 0 0 0 0 0 0\nintr 0\n");
        proc.WriteProcess(4242, "postgres", utime: 1000, stime: 200, startTicks: 5000);
        using var monitor = new ProcessMonitor("postgres", procRoot: proc.Root, timeProvider: _time);
        await monitor.SampleAsync(CancellationToken.None);

        // 31 ticks in 150 ms on two cores: 206.7 % as counted, more than two cores can give.
        _time.Advance(TimeSpan.FromMilliseconds(150));
        proc.WriteProcess(4242, "postgres", utime: 1031, stime: 200, startTicks: 5000);
        var capped = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromMilliseconds(150));
        proc.WriteProcess(4242, "postgres", utime: 1059, stime: 200, startTicks: 5000);
        var under = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(200.0, capped.CpuPercent!.Value, precision: 9);
        Assert.Equal(28.0 / ClockTicks.PerSecond / 0.15 * 100, under.CpuPercent!.Value, precision: 9);
    }

    [Fact]
    public async Task SampleAsync_NameLongerThanComm_MatchesArgv0()
    {
        using var proc = new FakeProcFolder();
        proc.WriteProcess(4400, "surge-very-long", utime: 1, stime: 1, cmdline: "./surge-very-long-name\0--port\08080\0");
        proc.WriteProcess(4401, "surge-very-long", utime: 1, stime: 1, cmdline: "./surge-very-long-other\0");
        using var monitor = new ProcessMonitor("surge-very-long-name", procRoot: proc.Root, timeProvider: _time);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(1, sample.Processes);
    }

    [Fact]
    public async Task SampleAsync_CommWithSpacesAndParenthesis_Matches()
    {
        using var proc = new FakeProcFolder();
        proc.WriteProcess(4500, "my) app (2", utime: 1, stime: 1, threads: 3);
        using var monitor = new ProcessMonitor("my) app (2", procRoot: proc.Root, timeProvider: _time);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(3, sample.Threads);
    }

    [Fact]
    public async Task SampleAsync_ByPid_ReadsThatProcessOnly()
    {
        using var proc = new FakeProcFolder();
        WritePostgresBefore(proc);
        using var monitor = new ProcessMonitor(4243, procRoot: proc.Root, timeProvider: _time);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal("pid 4243", monitor.Label);
        Assert.Equal("pid:4243", monitor.Source);
        Assert.Equal("pid 4243", sample.Target);
        Assert.Equal(1, sample.Processes);
        Assert.Equal(4096 * KiB, sample.MemoryUsedBytes);
    }

    [Fact]
    public async Task SampleAsync_NoMatch_ThrowsAndStartsOverWhenItAppears()
    {
        using var proc = new FakeProcFolder();
        using var monitor = new ProcessMonitor("postgres", procRoot: proc.Root, timeProvider: _time);

        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));
        Assert.Equal("no process named 'postgres' is running (yet)", error.Message);

        WritePostgresBefore(proc);
        _time.Advance(TimeSpan.FromSeconds(1));
        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Null(sample.CpuPercent);
        Assert.Equal(3, sample.Processes);
    }

    [Fact]
    public async Task SampleAsync_PidNotRunning_Throws()
    {
        using var proc = new FakeProcFolder();
        using var monitor = new ProcessMonitor(1234, procRoot: proc.Root, timeProvider: _time);

        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));

        Assert.Equal("process 1234 is not running", error.Message);
    }

    [Fact]
    public async Task SampleAsync_KernelThread_HasNoMemory()
    {
        using var proc = new FakeProcFolder();
        proc.WriteProcess(2, "kthreadd", utime: 0, stime: 3, openFiles: 0, cmdline: string.Empty);
        File.WriteAllText(Path.Combine(proc.Root, "2", "status"), ProcFixtures.Read("pid-status-kernel-thread"));
        using var monitor = new ProcessMonitor("kthreadd", procRoot: proc.Root, timeProvider: _time);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal(0, sample.MemoryUsedBytes);
        Assert.Equal(0, sample.OpenFiles);
    }

    [Fact]
    public async Task SampleAsync_MalformedStat_ThrowsMonitorException()
    {
        using var proc = new FakeProcFolder();
        proc.WriteProcess(4242, "postgres", utime: 1, stime: 1);
        File.WriteAllText(Path.Combine(proc.Root, "4242", "stat"), "4242 (postgres) S 1\n");
        using var monitor = new ProcessMonitor("postgres", procRoot: proc.Root, timeProvider: _time);

        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));

        Assert.StartsWith($"cannot read {Path.Combine(proc.Root, "4242")}: ", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Constructor_PidNotPositive_Throws(int pid)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessMonitor(pid));
    }

    [Fact]
    public void Constructor_BlankName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ProcessMonitor(" "));
    }

    private static void WritePostgresBefore(FakeProcFolder proc)
    {
        proc.WriteProcess(4242, "postgres", utime: 1000, stime: 200, threads: 5, startTicks: 5000, rssKibibytes: 20480, openFiles: 7);
        proc.WriteProcess(
            4243, "postgres", utime: 5, stime: 10, threads: 1, startTicks: 5001, rssKibibytes: 4096, openFiles: 4, cmdline: "postgres: 16/main: checkpointer \0");
        proc.WriteProcess(4244, "postgres", utime: 300, stime: 0, threads: 1, startTicks: 5002, rssKibibytes: 2048, openFiles: 3);
    }
}
