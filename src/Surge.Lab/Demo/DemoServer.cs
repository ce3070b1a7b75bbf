using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Surge.Lab.Demo;

/// <summary>
/// The built-in demo target: an in-process Kestrel service on 127.0.0.1 with a few endpoints of
/// known behaviour, so that <c>surge run</c> works with no server of one's own.
/// </summary>
public sealed class DemoServer : IAsyncDisposable
{
    /// <summary>The endpoints (method and path), with what each does, for <c>surge demo</c> and the index page.</summary>
    public static readonly IReadOnlyList<(string Route, string Description)> Endpoints =
    [
        ("GET /fast", "answers at once with a short text"),
        ("GET /slow", "waits about 50 ms, then answers"),
        ("GET /cpu", "burns about 1 ms of CPU hashing, then answers"),
        ("GET /flaky", "answers 500 for about 5 % of requests"),
        ("GET /delay/{ms}", "waits at least the given milliseconds (X-Waited-Ms says how long)"),
        ("GET /status/{code}", "answers with the given status"),
        ("GET /bytes/{n}", "answers with n bytes"),
        ("GET /reset", "drops the connection without answering"),
        ("GET /stall-once/{ms}", "the first request waits the given milliseconds (a server hiccup), later ones answer at once"),
        ("ANY /echo", "any method: answers JSON {method, path, query, contentType, headers, body} of the request"),
        .. DemoShop.Endpoints,
    ];

    private readonly WebApplication _app;

    private DemoServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts the service on 127.0.0.1, on <paramref name="port"/> or a free port when 0.</summary>
    public static async Task<DemoServer> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        Map(app);
        new DemoShop().Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoServer(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>
    /// Waits at least <paramref name="milliseconds"/>. A timer alone can fire up to a kernel tick early (timers
    /// run on a clock that steps a tick at a time), and a demo endpoint that says 50 ms must never answer in 47.
    /// </summary>
    /// <returns>How long it waited, by the high-resolution clock.</returns>
    internal static async Task<TimeSpan> WaitAtLeastAsync(int milliseconds, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var wanted = TimeSpan.FromMilliseconds(milliseconds);
        for (var left = wanted; left > TimeSpan.Zero; left = wanted - Stopwatch.GetElapsedTime(start))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(left.TotalMilliseconds))), ct);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Text(
            "Surge demo target\n" + string.Concat(Endpoints.Select(e => $"  {e.Route,-21} {e.Description}\n")),
            "text/plain"));
        app.MapGet("/fast", () => Results.Text("Hello, World!", "text/plain"));
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await WaitAtLeastAsync(50, ct);
            return Results.Text("slow hello", "text/plain");
        });
        app.MapGet("/cpu", () => Results.Text(Convert.ToHexString(Burn()), "text/plain"));
        app.MapGet("/flaky", () => Random.Shared.Next(100) < 5
            ? Results.Text("simulated failure", "text/plain", statusCode: 500)
            : Results.Text("ok", "text/plain"));
        app.MapGet("/delay/{ms:int}", async (int ms, HttpContext context, CancellationToken ct) =>
        {
            var waited = await WaitAtLeastAsync(Math.Clamp(ms, 0, 120_000), ct);
            context.Response.Headers["X-Waited-Ms"] = waited.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture);
            return Results.Text($"waited {ms} ms", "text/plain");
        });
        app.MapGet("/status/{code:int}", (int code) => code is 204 or 304 or < 200
            ? Results.StatusCode(code) // these statuses have no body
            : Results.Text($"status {code}", "text/plain", statusCode: code));
        app.MapGet("/bytes/{n:int}", (int n) => Results.Bytes(new byte[Math.Clamp(n, 0, 10 << 20)], "application/octet-stream"));
        app.MapGet("/reset", (HttpContext context) => context.Abort());
        var stalled = 0;
        app.MapGet("/stall-once/{ms:int}", async (int ms, CancellationToken ct) =>
        {
            if (Interlocked.Exchange(ref stalled, 1) == 0)
            {
                await WaitAtLeastAsync(Math.Clamp(ms, 0, 60_000), ct);
            }

            return Results.Text("ok", "text/plain");
        });
        app.MapMethods("/echo", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], EchoAsync);
    }

    private static async Task EchoAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        await context.Response.WriteAsJsonAsync(
            new
            {
                method = request.Method,
                path = request.Path.Value,
                query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                contentType = request.ContentType,
                headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()),
                body,
            },
            context.RequestAborted);
    }

    private static byte[] Burn()
    {
        // About a millisecond of one core: enough to make /cpu the bottleneck under load.
        var digest = new byte[32];
        for (var i = 0; i < 2000; i++)
        {
            digest = SHA256.HashData(digest);
        }

        return digest;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
