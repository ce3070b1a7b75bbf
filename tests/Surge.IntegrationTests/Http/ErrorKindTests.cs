using System.Net;
using System.Net.Sockets;
using Surge.Http;
using Surge.IntegrationTests.Support;
using Surge.Lab.Demo;

namespace Surge.IntegrationTests.Http;

public class ErrorKindTests
{
    [Fact]
    public async Task ClosedPort_CountsAsRefused_AndTheRunGoesOn()
    {
        var request = new HttpRequest("GET", new Uri($"http://127.0.0.1:{FreePort()}/"));

        var summary = await Runs.IterationsAsync(request, vus: 2, iterations: 10);

        var errors = Assert.Single(summary.ErrorCounts());
        Assert.Equal("refused", errors.Key);
        Assert.Equal(10, errors.Value); // the VUs kept iterating after the first refusal
        Assert.Equal(1, summary.Metric("http_req_failed").Rate);
        Assert.Equal([new(0, errors.Value)], summary.StatusCounts());
    }

    [Fact]
    public async Task ServerDropsConnection_CountsAsReset()
    {
        await using var server = await DemoServer.StartAsync();
        var request = new HttpRequest("GET", new Uri(server.Url, "/reset"));

        var summary = await Runs.IterationsAsync(request, vus: 2, iterations: 6);

        Assert.Equal(new("reset", 6), Assert.Single(summary.ErrorCounts()));
    }

    [Fact]
    public async Task SlowerThanTimeout_CountsAsTimeout_AtAboutTheTimeout()
    {
        await using var server = await DemoServer.StartAsync();
        var request = new HttpRequest("GET", new Uri(server.Url, "/delay/5000")) { Timeout = TimeSpan.FromMilliseconds(300) };

        var summary = await Runs.IterationsAsync(request, vus: 2, iterations: 4);

        Assert.Equal(new("timeout", 4), Assert.Single(summary.ErrorCounts()));
        var duration = summary.Metric("http_req_duration");
        Assert.InRange(duration.Min / 1000, 290, 800); // the watchdog ticks every 50 ms; slack for a busy machine
    }

    [Fact]
    public async Task NotHttp_CountsAsProtocolError()
    {
        await using var server = new RawHttpServer("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        var request = new HttpRequest("GET", server.Url);

        var summary = await Runs.IterationsAsync(request, vus: 1, iterations: 3);

        Assert.Equal(new("protocol", 3), Assert.Single(summary.ErrorCounts()));
    }

    [Fact]
    public async Task ServerError_IsAResponse_CountedFailedWithItsStatus()
    {
        await using var server = await DemoServer.StartAsync();
        var request = new HttpRequest("GET", new Uri(server.Url, "/status/503"));

        var summary = await Runs.IterationsAsync(request, vus: 2, iterations: 10);

        Assert.Empty(summary.ErrorCounts());
        Assert.Equal(new(503, 10), Assert.Single(summary.StatusCounts()));
        Assert.Equal(1, summary.Metric("http_req_failed").Rate);
        Assert.True(summary.Metric("http_req_duration", Metrics.TagSet.Of("expected_response", "true")).IsEmpty);
    }

    private static int FreePort()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
