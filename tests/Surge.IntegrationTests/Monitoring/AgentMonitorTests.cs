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

    [Fact]
    public async Task WhatTheAgentCannotRead_IsHandedOnAsAProblemOfThatPart_LabelledLikeItsSamples()
    {
        const string line = """{"time":"2026-11-25T00:00:00Z","samples":[{"target":"local","kind":"host","cpuPercent":42}],"problems":[{"target":"postgres","message":"no process named 'postgres' is running"}]}""";
        var chunk = $"{line.Length + 1:x}\r\n{line}\n\r\n";
        await using var agent = new RawHttpServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk);
        using var monitor = new AgentMonitor(agent.Url, "t0ken", "db");

        Assert.Empty(monitor.PartProblems);
        await PollAsync(monitor, samples => samples.Count > 0);

        var problem = Assert.Single(monitor.PartProblems);
        Assert.Equal("db/postgres", problem.Key);
        Assert.Equal("no process named 'postgres' is running", problem.Value);
    }

    [Fact]
    public async Task AgentThatAcceptsButNeverAnswers_IsReportedAsNotAnsweringInTime()
    {
        // A listening socket nobody accepts on: the connection opens (the kernel's backlog), no answer comes.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(4);
        var port = ((System.Net.IPEndPoint)listener.LocalEndPoint!).Port;
        using var monitor = new AgentMonitor(new Uri($"http://127.0.0.1:{port}/"), "t0ken", "web");

        string? message = null;
        for (var i = 0; i < 200 && message is null; i++)
        {
            try
            {
                Assert.Empty(await monitor.SampleAsync(CancellationToken.None));
                await Task.Delay(50);
            }
            catch (MonitorException exception)
            {
                message = exception.Message;
            }
        }

        Assert.Equal($"the agent at 127.0.0.1:{port} did not answer within 3 s; is the address right, and the port open to this machine?", message);
    }

    /// <summary>Samples until the condition holds, for at most 10 s of real time (a busy machine); errors in between are skipped.</summary>
    private static async Task<IReadOnlyList<ResourceSample>> PollAsync(AgentMonitor monitor, Func<IReadOnlyList<ResourceSample>, bool> done)
    {
        for (var i = 0; i < 200; i++)
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

        throw new TimeoutException("no sample from the agent within 10 s");
    }
}
