using System.Diagnostics;
using Surge.Http;
using Surge.IntegrationTests.Support;

namespace Surge.IntegrationTests.Http;

/// <summary>Responses whose length cannot be known fail at once as protocol errors, never at the timeout.</summary>
public class ResponseFramingTests
{
    // Far above how long a protocol error takes even on a busy machine, far below the timeout.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WellBeforeTheTimeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 100\r\n\r\nok")]
    [InlineData("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\n\r\nok")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nok\n0\n\n")]
    public async Task AmbiguousFraming_FailsAsProtocolError_WellBeforeTheTimeout(string reply)
    {
        await using var server = new RawHttpServer(reply);
        HttpResponse? response = null;
        var elapsed = TimeSpan.Zero;

        var summary = await Runs.OnceAsync(new HttpOptions { Timeout = RequestTimeout }, async http =>
        {
            var started = Stopwatch.GetTimestamp();
            response = await http.SendAsync(new HttpRequest("GET", server.Url));
            elapsed = Stopwatch.GetElapsedTime(started);
        });

        Assert.NotNull(response);
        Assert.Equal(HttpErrorKind.Protocol, response.Error);
        Assert.Equal(0, response.Status);
        Assert.True(elapsed < WellBeforeTheTimeout, $"the request took {elapsed}, as if it had waited for the timeout");
        Assert.Equal("protocol", Assert.Single(summary.ErrorCounts()).Key);
    }

    [Fact]
    public async Task SameContentLengthTwice_IsAnOrdinaryResponse()
    {
        await using var server = new RawHttpServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok");
        var bodies = new List<string>();

        var summary = await Runs.OnceAsync(new HttpOptions { Timeout = RequestTimeout }, async http =>
        {
            bodies.Add((await http.SendAsync(new HttpRequest("GET", server.Url))).BodyText);
            bodies.Add((await http.SendAsync(new HttpRequest("GET", server.Url))).BodyText);
        });

        Assert.Equal(["ok", "ok"], bodies);
        Assert.Empty(summary.ErrorCounts());
        Assert.Equal(1, server.AcceptedConnections);
    }
}
