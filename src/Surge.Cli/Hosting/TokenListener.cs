using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Surge.Cli.Hosting;

/// <summary>
/// A Kestrel listener that serves only requests that carry its token (<c>Authorization: Bearer TOKEN</c>
/// or <c>?token=</c>): what <c>surge agent</c> and <c>surge aggregate</c> listen with.
/// </summary>
internal sealed class TokenListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TokenListener(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:9661/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Starts listening on <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The address and port.</param>
    /// <param name="token">The token every request must carry.</param>
    /// <param name="refusal">What a request without it is told.</param>
    /// <param name="map">Maps the endpoints.</param>
    public static async Task<TokenListener> StartAsync(IPEndPoint endpoint, string token, string refusal, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
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
                await context.Response.WriteAsJsonAsync(new { error = refusal });
                return;
            }

            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TokenListener(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool Authorized(HttpRequest request, byte[] expected)
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
}
