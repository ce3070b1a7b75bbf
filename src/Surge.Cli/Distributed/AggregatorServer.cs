using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Surge.Cli.Hosting;
using Surge.Distributed;

namespace Surge.Cli.Distributed;

/// <summary>
/// The aggregator's listener: <c>POST /join</c> (a generator's test id and segment; answered with its
/// number and the common start once every generator has joined) and <c>POST /lines?generator=N</c>
/// (results lines; answered <c>go</c>, <c>stop</c> or <c>abort</c>). Every request needs the token.
/// </summary>
internal sealed class AggregatorServer : IAsyncDisposable
{
    private readonly TokenListener _listener;

    private AggregatorServer(TokenListener listener) => _listener = listener;

    /// <summary>Where generators join, e.g. <c>http://127.0.0.1:6565/</c>.</summary>
    public Uri Url => _listener.Url;

    public static async Task<AggregatorServer> StartAsync(IPEndPoint endpoint, string token, Aggregator aggregator) =>
        new(await TokenListener.StartAsync(endpoint, token, "a token is needed: Authorization: Bearer TOKEN (the --token of surge aggregate)", app =>
        {
            app.MapPost("/join", (HttpContext context) => JoinAsync(context, aggregator));
            app.MapPost("/lines", (HttpContext context) => LinesAsync(context, aggregator));
        }));

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private static async Task JoinAsync(HttpContext context, Aggregator aggregator)
    {
        string testId, segment;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            testId = document.RootElement.GetProperty("testId").GetString() ?? "";
            segment = document.RootElement.GetProperty("segment").GetString() ?? "";
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = "a join is {\"testId\": …, \"segment\": …}, sent by surge run --join" });
            return;
        }

        int generator;
        try
        {
            generator = aggregator.Join(testId, segment);
        }
        catch (JoinRefusedException exception)
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            await context.Response.WriteAsJsonAsync(new { error = exception.Message });
            return;
        }

        var startAt = await aggregator.StartTime.WaitAsync(context.RequestAborted);
        await context.Response.WriteAsJsonAsync(new { generator, startAt });
    }

    private static async Task LinesAsync(HttpContext context, Aggregator aggregator)
    {
        if (!int.TryParse(context.Request.Query["generator"], out var generator) || generator < 0 || generator >= aggregator.Generators
            || !long.TryParse(context.Request.Query["from"], out var from) || from < 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var answer = aggregator.Receive(generator, from, text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }
}
