using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Http;
using Surge.IntegrationTests.Support;
using Surge.Lab.Demo;
using Surge.Run;

namespace Surge.IntegrationTests.Http;

public class HttpSessionTests
{
    [Fact]
    public async Task ChunkedAndLengthDelimitedBodies_AreReadWhole_AndCountedInDataReceived()
    {
        await using var chunked = new RawHttpServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nHello\r\n8\r\n, World!\r\n0\r\nX-Trailer: t\r\n\r\n");
        await using var demo = await DemoServer.StartAsync();
        var bodies = new List<(string, int)>();
        var plan = FirstIterationOnly("bodies", async vu =>
        {
            var first = await vu.Http.SendAsync(new HttpRequest("GET", chunked.Url));
            var second = await vu.Http.SendAsync(new HttpRequest("GET", new Uri(demo.Url, "/bytes/100000")));
            lock (bodies)
            {
                bodies.Add((first.BodyText, first.Status));
                bodies.Add((second.BodyText, second.Body.Length));
            }
        });
        using var control = new TestRunControl();
        var run = RunService.RunAsync(plan, [], control);
        while (true)
        {
            lock (bodies)
            {
                if (bodies.Count == 2)
                {
                    break;
                }
            }

            await Task.Delay(20);
        }

        control.RequestStop();
        control.RequestStop();
        var summary = (await run.WaitAsync(TimeSpan.FromSeconds(10))).Summary;

        Assert.Equal(("Hello, World!", 200), bodies[0]);
        Assert.Equal(100_000, bodies[1].Item2);
        Assert.True(summary.Metric("data_received").Sum > 100_000);
        Assert.Equal(2, summary.Metric("http_reqs").Sum);
    }

    [Fact]
    public async Task ASecondRequestWhileOneIsInFlight_IsRefused_AndTheFirstKeepsItsResponse()
    {
        await using var demo = await DemoServer.StartAsync();
        var outcome = new TaskCompletionSource<(int First, string Refused, int Third)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plan = FirstIterationOnly("overlap", async vu =>
        {
            try
            {
                var slow = vu.Http.SendAsync(new HttpRequest("GET", new Uri(demo.Url, "/delay/300")));
                var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => vu.Http.SendAsync(new HttpRequest("GET", new Uri(demo.Url, "/fast"))).AsTask());
                // A refusal leaves the session busy: a second one is refused too.
                await Assert.ThrowsAsync<InvalidOperationException>(() => vu.Http.SendAsync(new HttpRequest("GET", new Uri(demo.Url, "/fast"))).AsTask());
                var first = await slow;
                var third = await vu.Http.SendAsync(new HttpRequest("GET", new Uri(demo.Url, "/bytes/10")));
                outcome.TrySetResult((first.Status, refused.Message, third.Body.Length));
            }
            catch (Exception exception)
            {
                outcome.TrySetException(exception); // the assertion's own message, not a timeout
            }
        });
        using var control = new TestRunControl();
        var run = RunService.RunAsync(plan, [], control);
        var (firstStatus, message, thirdLength) = await outcome.Task.WaitAsync(TimeSpan.FromSeconds(20));
        control.RequestStop();
        control.RequestStop();
        var summary = (await run.WaitAsync(TimeSpan.FromSeconds(10))).Summary;

        Assert.Equal(200, firstStatus); // the slow request's own response
        Assert.Contains("one request at a time", message, StringComparison.Ordinal);
        Assert.Equal(10, thirdLength); // the session is free again once the response was taken
        Assert.Equal(2, summary.Metric("http_reqs").Sum); // the refused ones never went out
    }

    /// <summary>One VU whose first iteration runs <paramref name="body"/>; later ones wait until the test stops them.</summary>
    private static TestPlan FirstIterationOnly(string name, Func<Vu, Task> body) => new()
    {
        Scenarios =
        [
            new Scenario(
                name,
                new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(30) },
                async (vu, ct) =>
                {
                    if (vu.Iteration > 0)
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                        return;
                    }

                    await body(vu);
                }),
        ],
        Http = new HttpOptions(),
    };
}
