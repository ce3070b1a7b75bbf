using System.Diagnostics;
using Surge.Monitoring;
using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

/// <summary>The process monitor over the real /proc: this test process and child processes it starts.</summary>
public class ProcessMonitorLiveTests
{
    [LinuxFact]
    public async Task SampleAsync_ThisProcessByPid_ReadsItsMemoryThreadsAndFiles()
    {
        using var monitor = new ProcessMonitor(Environment.ProcessId);

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        Assert.Equal($"pid {Environment.ProcessId}", sample.Target);
        Assert.Equal(1, sample.Processes);
        Assert.Null(sample.CpuPercent);

        // VmRSS and the runtime's working set come from the same kernel counter, a moment apart.
        Assert.InRange(sample.MemoryUsedBytes!.Value, Environment.WorkingSet / 2, Environment.WorkingSet * 2);
        Assert.InRange(sample.Threads!.Value, 2, 10_000);
        Assert.InRange(sample.OpenFiles!.Value, 3, 100_000);
    }

    [LinuxFact]
    public async Task SampleAsync_ThisProcessBusy_ShowsCpu()
    {
        using var monitor = new ProcessMonitor(Environment.ProcessId);
        await monitor.SampleAsync(CancellationToken.None);

        // Spin until this process has used 300 ms more CPU, so at least 30 clock ticks are certain to pass.
        var start = Environment.CpuUsage.TotalTime;
        var giveUp = Stopwatch.StartNew();
        while (Environment.CpuUsage.TotalTime - start < TimeSpan.FromMilliseconds(300) && giveUp.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.SpinWait(1000);
        }

        var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

        // The monitor caps CPU at every online core busy; counted in ticks, it could otherwise read a little above.
        var onlineCores = File.ReadLines("/proc/stat").Count(static line => line.StartsWith("cpu", StringComparison.Ordinal) && line.Length > 3 && char.IsAsciiDigit(line[3]));
        Assert.InRange(sample.CpuPercent!.Value, 1.0, 100.0 * onlineCores);
    }

    [LinuxFact]
    public async Task SampleAsync_ChildByName_FindsItUntilItExits()
    {
        var name = $"slp{Guid.NewGuid():N}"[..12];
        using var child = StartSleep(name, out var folder);
        try
        {
            using var monitor = new ProcessMonitor(name);

            var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

            Assert.Equal(name, sample.Target);
            Assert.Equal(1, sample.Processes);
            Assert.Equal(1, sample.Threads);
            Assert.InRange(sample.MemoryUsedBytes!.Value, 64 * 1024, 64 * 1024 * 1024);
            Assert.InRange(sample.OpenFiles!.Value, 3, 64);

            child.Kill();
            await child.WaitForExitAsync();
            var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));
            Assert.Equal($"no process named '{name}' is running (yet)", error.Message);
        }
        finally
        {
            Stop(child, folder);
        }
    }

    [LinuxFact]
    public async Task SampleAsync_ChildNamedLongerThanComm_FoundByArgv0()
    {
        var name = $"surge-sleeper-{Guid.NewGuid():N}"[..24];
        using var child = StartSleep(name, out var folder);
        try
        {
            Assert.Equal(name[..15], File.ReadAllText($"/proc/{child.Id}/comm").TrimEnd('\n'));
            using var monitor = new ProcessMonitor(name);

            var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));

            Assert.Equal(1, sample.Processes);
        }
        finally
        {
            Stop(child, folder);
        }
    }

    [LinuxFact]
    public void FindByName_NeverCountsTheLoadGeneratorItself()
    {
        var ownName = File.ReadAllText("/proc/self/comm").TrimEnd('\n');

        Assert.DoesNotContain(Environment.ProcessId, ProcessReader.FindByName("/proc", ownName, out var matchedSelf));
        Assert.True(matchedSelf);
    }

    [LinuxFact]
    public async Task SampleAsync_NoSuchProcess_Throws()
    {
        using var byName = new ProcessMonitor("surge-no-such-process");
        using var byPid = new ProcessMonitor(int.MaxValue);

        var nameError = await Assert.ThrowsAsync<MonitorException>(() => byName.SampleAsync(CancellationToken.None));
        var pidError = await Assert.ThrowsAsync<MonitorException>(() => byPid.SampleAsync(CancellationToken.None));

        Assert.Equal("no process named 'surge-no-such-process' is running (yet)", nameError.Message);
        Assert.Equal($"process {int.MaxValue} is not running", pidError.Message);
    }

    /// <summary>Starts <c>sleep 30</c> under another name, through a symbolic link that gives it that comm and argv[0].</summary>
    private static Process StartSleep(string name, out string folder)
    {
        folder = Directory.CreateTempSubdirectory("surge-sleep-").FullName;
        var link = Path.Combine(folder, name);
        File.CreateSymbolicLink(link, File.Exists("/bin/sleep") ? "/bin/sleep" : "/usr/bin/sleep");
        var info = new ProcessStartInfo(link, "30")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var child = Process.Start(info) ?? throw new InvalidOperationException($"could not start {link}");
        WaitUntilLoaded(child);
        return child;
    }

    /// <summary>
    /// Process.Start returns once the child is forked; it may not have exec'd sleep yet, or its loader may
    /// still be mapping it (16 KiB of RSS was read so on a busy machine). Sleep is running once its RSS
    /// passes 256 KiB (about 1 MiB when loaded).
    /// </summary>
    private static void WaitUntilLoaded(Process child)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var status = File.Exists($"/proc/{child.Id}/status") ? File.ReadAllLines($"/proc/{child.Id}/status") : [];
            var rss = status.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            if (rss is not null && long.Parse(rss, System.Globalization.CultureInfo.InvariantCulture) >= 256)
            {
                return;
            }

            Thread.Sleep(10);
        }
    }

    private static void Stop(Process child, string folder)
    {
        if (!child.HasExited)
        {
            child.Kill();
            child.WaitForExit();
        }

        Directory.Delete(folder, recursive: true);
    }
}
