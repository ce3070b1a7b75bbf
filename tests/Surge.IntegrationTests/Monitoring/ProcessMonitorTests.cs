using System.Diagnostics;
using Surge.Monitoring;
using Surge.Monitoring.Proc;

namespace Surge.IntegrationTests.Monitoring;

/// <summary>Real child processes watched through /proc: a busy one shows about one core, a growing one its RSS.</summary>
public class ProcessMonitorTests
{
    [Fact]
    public async Task ChildBurningOneCore_ShowsAboutOneHundredPercent()
    {
        using var burner = Start("sh", "-c", "while :; do :; done");
        try
        {
            using var monitor = Monitor($"pid:{burner.Id}");
            await monitor.SampleAsync(CancellationToken.None); // the baseline
            var cpuBefore = CpuTime(burner);
            var clock = Stopwatch.StartNew();
            // Two seconds on an idle machine; on one busy with other test assemblies (a loaded run gave
            // the child 35 % of a core) until the child has had a second of CPU, for at most 10 s.
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
            while (clock.Elapsed < TimeSpan.FromSeconds(2) || (CpuTime(burner) - cpuBefore < TimeSpan.FromSeconds(1) && clock.Elapsed < TimeSpan.FromSeconds(10)));

            var sample = Assert.Single(await monitor.SampleAsync(CancellationToken.None));
            var gotPercent = (CpuTime(burner) - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds * 100;

            // One core busy is 100 % (top's way) on an idle machine. On a busy one the reading is held
            // against the CPU time the child really got over the same window, read by .NET, not by
            // Surge: within a fifth of it (8 points at least), and that must be well above nothing.
            Assert.True(gotPercent >= 10, $"the burner got only {gotPercent:F0} % of a core in {clock.Elapsed.TotalSeconds:F1} s: the machine is too busy");
            var tolerance = Math.Max(8, gotPercent / 5);
            Assert.InRange(sample.CpuPercent ?? -1, gotPercent - tolerance, Math.Min(gotPercent + tolerance, 110));
            Assert.Equal("process", sample.Kind);
            Assert.Equal(1, sample.Processes);
        }
        finally
        {
            Stop(burner);
        }
    }

    [Fact]
    public async Task ChildGrowingItsMemory_ShowsTheRssGrowth()
    {
        // bash doubles a string 24 times: 16 MiB, held, a little at a time.
        using var grower = Start("bash", "-c", "x=a; for i in $(seq 1 24); do x=\"$x$x\"; sleep 0.1; done; sleep 30");
        try
        {
            using var monitor = Monitor($"pid:{grower.Id}");
            var before = Assert.Single(await monitor.SampleAsync(CancellationToken.None)).MemoryUsedBytes ?? 0;
            long after = 0;
            for (var i = 0; i < 40 && after - before < 12 << 20; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
                after = Assert.Single(await monitor.SampleAsync(CancellationToken.None)).MemoryUsedBytes ?? 0;
            }

            Assert.True(after - before >= 12 << 20, $"RSS went from {before} to {after} bytes");
        }
        finally
        {
            Stop(grower);
        }
    }

    [Fact]
    public async Task ProcessNotRunning_IsAOneLineMonitorError()
    {
        using var monitor = Monitor("process:no-such-process-surge");

        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));

        Assert.Contains("no-such-process-surge", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static IMonitor Monitor(string source) =>
        ProcMonitors.TryCreate(source, "", out var monitor, out var error) ? monitor! : throw new InvalidOperationException(error);

    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
