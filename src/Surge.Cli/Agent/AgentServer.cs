using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Surge.Cli.Hosting;
using Surge.Monitoring;

namespace Surge.Cli.Agent;

/// <summary>
/// <c>surge agent</c>'s listener: on a server under test, streams a line of JSON each second with
/// the host's resources and its named processes to whoever presents the token.
/// </summary>
/// <remarks>
/// <c>GET /samples</c> with <c>Authorization: Bearer TOKEN</c> (or <c>?token=TOKEN</c>) answers
/// <c>application/x-ndjson</c>, chunked, one <c>{"time", "samples": [...], "problems": [{"target", "message"}]}</c> line per second,
/// until the client leaves. Anything else, or a wrong or missing token, is 401.
/// </remarks>
internal sealed class AgentServer : IAsyncDisposable
{
    private readonly TokenListener _listener;

    private AgentServer(TokenListener listener) => _listener = listener;

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:9661/</c>.</summary>
    public Uri Url => _listener.Url;

    /// <summary>Starts listening.</summary>
    /// <param name="endpoint">The address and port (loopback unless the user says otherwise).</param>
    /// <param name="token">The token clients must present.</param>
    /// <param name="monitors">Makes a fresh set of monitors for each client (rates are per client).</param>
    public static async Task<AgentServer> StartAsync(IPEndPoint endpoint, string token, Func<IReadOnlyList<IMonitor>> monitors) =>
        new(await TokenListener.StartAsync(
            endpoint,
            token,
            "a token is needed: Authorization: Bearer TOKEN (the one surge agent printed)",
            app => app.MapGet("/samples", (HttpContext context) => StreamAsync(context, monitors))));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private static async Task StreamAsync(HttpContext context, Func<IReadOnlyList<IMonitor>> create)
    {
        context.Response.ContentType = "application/x-ndjson";
        var monitors = create();
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var stop = context.RequestAborted;
            do
            {
                var samples = new List<ResourceSample>();
                var problems = new List<(string Target, string Message)>();
                foreach (var monitor in monitors)
                {
                    try
                    {
                        samples.AddRange(await monitor.SampleAsync(stop));
                    }
                    catch (MonitorException exception)
                    {
                        problems.Add((monitor.Label, exception.Message));
                    }
                }

                using var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("time", DateTimeOffset.UtcNow);
                    json.WritePropertyName("samples");
                    ResourceJson.Write(json, samples);
                    json.WriteStartArray("problems");
                    foreach (var (target, message) in problems)
                    {
                        json.WriteStartObject();
                        json.WriteString("target", target);
                        json.WriteString("message", message);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                buffer.WriteByte((byte)'\n');
                await context.Response.Body.WriteAsync(buffer.ToArray(), stop);
                await context.Response.Body.FlushAsync(stop);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left.
        }
        finally
        {
            foreach (var monitor in monitors)
            {
                monitor.Dispose();
            }
        }
    }
}
