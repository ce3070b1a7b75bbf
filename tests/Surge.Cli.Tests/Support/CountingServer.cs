using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Surge.Cli.Tests.Support;

/// <summary>A Kestrel server on 127.0.0.1 that counts the requests it answers; each waits 0 to 2 ms, so latencies spread.</summary>
public sealed class CountingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private CountingServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<CountingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new CountingServer(app);
        app.MapGet("/", async () =>
        {
            Interlocked.Increment(ref server._requests);
            await Task.Delay(Random.Shared.Next(0, 3));
            return "ok";
        });
        await app.StartAsync();
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
