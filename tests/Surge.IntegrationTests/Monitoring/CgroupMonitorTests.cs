using Surge.IntegrationTests.Support;
using Surge.Monitoring;
using Surge.Monitoring.Cgroups;

namespace Surge.IntegrationTests.Monitoring;

/// <summary>A real cgroup with a half-core quota and a busy child inside: the monitor sees it at its quota.</summary>
public sealed class CgroupMonitorTests
{
    private const long Limit = 256L * 1024 * 1024;

    [CgroupFact]
    public async Task BusyChildInAHalfCoreGroup_ShowsTheGroupAtItsQuota()
    {
        var group = TestCgroup.Create(quotaCores: 0.5, memoryLimitBytes: Limit);
        try
        {
            group.StartBusyChild();
            await group.WaitForChildInsideAsync();
            Assert.True(CgroupMonitors.TryCreate($"cgroup:{group.Path}", "web", out var created, out var error), error);
            using var monitor = created;
            await monitor.SampleAsync(CancellationToken.None); // the baseline

            // The child wants a whole core and may have half: each second it is at its quota. On a machine
            // busy with other work a second may give it less, so up to 10 s are sampled for 3 at the quota.
            var samples = new List<ResourceSample>();
            for (var i = 0; i < 10 && samples.Count(s => s.CpuPercent >= 80) < 3; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                samples.Add(Assert.Single(await monitor.SampleAsync(CancellationToken.None)));
            }

            var cpu = samples.Select(s => s.CpuPercent ?? -1).ToList();
            Assert.True(cpu.Count(c => c >= 80) >= 3, $"CPU % of the quota each second: {string.Join(", ", cpu.Select(c => c.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
            Assert.All(cpu, c => Assert.InRange(c, 0, 115)); // the quota holds it: never much more than 100 %
            Assert.All(samples, s => Assert.Equal(0.5, s.CpuQuotaCores));
            Assert.All(samples, s => Assert.Equal(Limit, s.MemoryLimitBytes));
            Assert.All(samples, s => Assert.InRange(s.MemoryUsedBytes ?? -1, 1, Limit));
            Assert.Contains(samples, s => s.CpuThrottledPercent > 0); // wanting a core, it runs out of its half (how often depends on what else runs)
            Assert.Equal("cgroup", samples[0].Kind);
        }
        finally
        {
            group.Dispose();
        }

        Assert.False(Directory.Exists(group.Path), $"{group.Path} is still there");
    }
}
