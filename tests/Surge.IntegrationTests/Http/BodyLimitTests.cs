using System.Text;
using Surge.Http;
using Surge.IntegrationTests.Support;

namespace Surge.IntegrationTests.Http;

/// <summary>The response body limit, and bodies read without being kept (discardResponseBodies).</summary>
public class BodyLimitTests
{
    private const int Limit = 64 * 1024;
    private const int LengthBodyBytes = 200_000;
    private const int ChunkedBodyBytes = 1024 * 1024;
    private static readonly HttpOptions Limited = new() { MaxResponseBodyBytes = Limit, Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task BodyOverTheLimit_FailsAsBodyTooLarge_ClosesTheConnection_AndTheNextRequestWorks()
    {
        await using var server = Server();
        var results = new List<(int Status, HttpErrorKind Error, string Body)>();

        var summary = await Runs.OnceAsync(Limited, async http =>
        {
            foreach (var path in new[] { "/length", "/small", "/chunked", "/small" })
            {
                var response = await http.SendAsync(new HttpRequest("GET", new Uri(server.Url, path)));
                results.Add((response.Status, response.Error, response.BodyText));
            }
        });

        Assert.Equal(
            [(0, HttpErrorKind.BodyTooLarge, ""), (200, HttpErrorKind.None, "ok"), (0, HttpErrorKind.BodyTooLarge, ""), (200, HttpErrorKind.None, "ok")],
            results);
        Assert.Equal(3, server.AcceptedConnections); // each body too large closed its connection
        Assert.Equal(new KeyValuePair<string, long>("body_too_large", 2), Assert.Single(summary.ErrorCounts()));

        // The rest of a body past the limit is never read: far less arrived than the server sent.
        Assert.InRange(summary.Metric("data_received").Sum, 4, LengthBodyBytes);
    }

    [Fact]
    public async Task DiscardResponseBodies_BodiesAreEmpty_ButEveryByteCountsInDataReceived_AndNoLimitApplies()
    {
        await using var server = Server();
        var bodies = new List<(int Status, int Length)>();

        var summary = await Runs.OnceAsync(Limited with { DiscardResponseBodies = true }, async http =>
        {
            foreach (var path in new[] { "/length", "/chunked" })
            {
                var response = await http.SendAsync(new HttpRequest("GET", new Uri(server.Url, path)));
                bodies.Add((response.Status, response.Body.Length));
            }
        });

        Assert.Equal([(200, 0), (200, 0)], bodies);
        Assert.Empty(summary.ErrorCounts());
        Assert.True(summary.Metric("data_received").Sum > LengthBodyBytes + ChunkedBodyBytes);
        Assert.Equal(1, server.AcceptedConnections);
    }

    private static RawHttpServer Server()
    {
        var length = Reply($"Content-Length: {LengthBodyBytes}", new string('a', LengthBodyBytes));
        var chunk = new string('b', 16 * 1024);
        var chunked = Reply(
            "Transfer-Encoding: chunked",
            string.Concat(Enumerable.Repeat($"{chunk.Length:x}\r\n{chunk}\r\n", ChunkedBodyBytes / chunk.Length)) + "0\r\n\r\n");
        var small = Reply("Content-Length: 2", "ok");
        return new RawHttpServer(path => path switch
        {
            "/length" => length,
            "/chunked" => chunked,
            _ => small,
        });
    }

    private static byte[] Reply(string framing, string body) => Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\n{framing}\r\n\r\n{body}");
}
