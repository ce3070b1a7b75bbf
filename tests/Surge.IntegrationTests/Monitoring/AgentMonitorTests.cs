using Microsoft.Extensions.Time.Testing;
using Surge.IntegrationTests.Support;
using Surge.Monitoring;
using Surge.Monitoring.Agent;

namespace Surge.IntegrationTests.Monitoring;

/// <summary>The agent's stream read from a raw socket server that can misbehave as no real agent would.</summary>
public class AgentMonitorTests
{
    [Fact]
    public async Task AgentThatGoesSilent_IsReportedOnce_AndTheStreamReopened()
    {
        // One line, then the connection stays open and nothing more comes: a frozen agent.
        const string line = """{"time":"2026-11-25T00:00:00Z","samples":[{"target":"local","kind":"host","cpuPercent":42}]}""";
        var chunk = $"{line.Length + 1:x}\r\n{line}\n\r\n";
        await using var agent = new RawHttpServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var monitor = new AgentMonitor(agent.Url, "t0ken", "web", time);

        var first = await PollAsync(monitor, samples => samples.Count > 0);
        var sample = Assert.Single(first);
        Assert.Equal("web", sample.Target);
        Assert.Equal(42, sample.CpuPercent);

        time.Advance(AgentMonitor.Silence + TimeSpan.FromSeconds(1));
        var silent = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));
        Assert.Equal($"the agent at {agent.Url.Authority} sent nothing for 5 s; reconnecting", silent.Message);

        // The next calls open a new stream, which brings the line again.
        var again = await PollAsync(monitor, samples => samples.Count > 0);
        Assert.Equal(42, Assert.Single(again).CpuPercent);
        Assert.Equal(2, agent.AcceptedConnections);
    }

    /// <summary>Samples until the condition holds, for at most 5 s of real time; errors in between are skipped.</summary>
    private static async Task<IReadOnlyList<ResourceSample>> PollAsync(AgentMonitor monitor, Func<IReadOnlyList<ResourceSample>, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                var samples = await monitor.SampleAsync(CancellationToken.None);
                if (done(samples))
                {
                    return samples;
                }
            }
            catch (MonitorException)
            {
                // The reader is still winding down the silent stream.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no sample from the agent within 5 s");
    }
}
