using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    private readonly WebApplication _app;

    private AgentServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:9661/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts listening.</summary>
    /// <param name="endpoint">The address and port (loopback unless the user says otherwise).</param>
    /// <param name="token">The token clients must present.</param>
    /// <param name="monitors">Makes a fresh set of monitors for each client (rates are per client).</param>
    public static async Task<AgentServer> StartAsync(IPEndPoint endpoint, string token, Func<IReadOnlyList<IMonitor>> monitors)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        app.Use(async (context, next) =>
        {
            if (!Authorized(context.Request, expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error = "a token is needed: Authorization: Bearer TOKEN (the one surge agent printed)" });
                return;
            }

            await next(context);
        });
        app.MapGet("/samples", (HttpContext context) => StreamAsync(context, monitors));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AgentServer(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static bool Authorized(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : request.Query["token"].ToString();
        if (given.Length == 0)
        {
            return false;
        }

        // Hash first, so the comparison takes the same time whatever the length and content of the guess.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected);
    }

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
