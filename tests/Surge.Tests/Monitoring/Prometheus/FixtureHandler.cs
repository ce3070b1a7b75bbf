using System.Net;
using System.Text;

namespace Surge.Tests.Monitoring.Prometheus;

/// <summary>An in-process exporter: answers each request with the next queued reply, and records what was asked.</summary>
internal sealed class FixtureHandler : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _replies = new();

    public List<Uri> Requests { get; } = [];

    public FixtureHandler Page(string text, HttpStatusCode status = HttpStatusCode.OK)
    {
        _replies.Enqueue(_ => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(text, Encoding.UTF8, "text/plain"),
        }));
        return this;
    }

    public FixtureHandler Fixture(string name) => Page(PrometheusFixtures.Read(name));

    public FixtureHandler Throw(Exception exception)
    {
        _replies.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Never answers; the request ends only when its token is cancelled.</summary>
    public FixtureHandler Hang()
    {
        _replies.Enqueue(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        return _replies.Dequeue()(cancellationToken);
    }
}
