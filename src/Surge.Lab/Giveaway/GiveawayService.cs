using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Surge.Lab.Giveaway;

/// <summary>
/// The practice service: the chicken giveaway event that 10,000 users rush into. One instance is one app
/// server of the lab (Kestrel), in its own process.
/// </summary>
/// <remarks>
/// Endpoints: <c>GET /</c> (the home page, referring to the large images), <c>GET /events/1</c> (the event and
/// its remaining prizes), <c>POST /login</c>, <c>POST /events/1/entries</c> (one entry per user, enforced by
/// the database), <c>GET /users/{id}/entries</c> and <c>GET /winners</c> (reads a replica or a cache can serve),
/// <c>GET /health</c>. Every answer names its server in <c>X-Served-By</c>, so a spread over servers can be seen.
/// </remarks>
public static class GiveawayService
{
    /// <summary>The names of the home page's images under <c>img/</c>.</summary>
    public static readonly IReadOnlyList<string> Images = ["chicken-hero.jpg", "chicken-box.jpg", "prize-map.jpg", "banner.jpg"];

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task RunAsync(GiveawayOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var store = await GiveawayStore.OpenAsync(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(options.Listen);
            k.AddServerHeader = false;
        });
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Served-By"] = options.Name;
            try
            {
                await next(context);
            }
            catch (NpgsqlException exception) when (!context.Response.HasStarted)
            {
                // An overloaded database (too many connections, a timeout) is a 503 the load test counts, not a crash.
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync($"database: {exception.Message}", context.RequestAborted);
            }
        });
        if (options.StaticUrl is null)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(options.StaticDirectory)) });
        }

        Map(app, store, options);
        await app.StartAsync(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        await app.StopAsync(CancellationToken.None);
    }

    private static void Map(WebApplication app, GiveawayStore store, GiveawayOptions options)
    {
        var imageBase = options.StaticUrl is { } url ? url.ToString().TrimEnd('/') : "";
        var home = HomePage(imageBase);
        app.MapGet("/", () => Results.Content(home, "text/html; charset=utf-8"));
        app.MapGet("/health", () => Results.Text("ok", "text/plain"));
        app.MapGet("/events/{id:int}", async (int id, CancellationToken ct) =>
            await store.EventAsync(id, ct) is { } json ? Results.Content(json, "application/json") : Results.NotFound());
        app.MapPost("/login", async (Credentials credentials, CancellationToken ct) =>
        {
            if (await store.UserAsync(credentials.Name ?? "", ct) is not { } user
                || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(credentials.Password ?? "")), Encoding.ASCII.GetBytes(user.PasswordHash)))
            {
                return Results.Unauthorized();
            }

            return Results.Json(new { userId = user.Id, token = $"user-{user.Id}" });
        });
        app.MapPost("/events/{id:int}/entries", async (int id, Entry entry, CancellationToken ct) =>
        {
            if (entry.UserId <= 0)
            {
                return Results.BadRequest("userId is required");
            }

            try
            {
                return await store.EnterAsync(id, entry.UserId, ct)
                    ? Results.Json(new { eventId = id, entry.UserId, entered = true }, statusCode: StatusCodes.Status201Created)
                    : Results.Conflict(new { eventId = id, entry.UserId, entered = false, reason = "one entry per user" });
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                return Results.NotFound(new { eventId = id, entry.UserId, reason = "no such event or user" });
            }
        });
        app.MapGet("/users/{id:int}/entries", async (int id, CancellationToken ct) =>
            Results.Content((await store.EntriesAsync(id, ct))!, "application/json"));
        app.MapGet("/winners", async (CancellationToken ct) => Results.Content((await store.WinnersAsync(ct))!, "application/json"));
    }

    /// <summary>The stored form of a password: lowercase hex of its SHA-256, as <see cref="GiveawaySchema"/> seeds it.</summary>
    internal static string Hash(string password) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private static string HomePage(string imageBase)
    {
        var images = string.Concat(Images.Select(i => $"    <img src=\"{imageBase}/img/{i}\" alt=\"{i}\">\n"));
        return $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>The chicken giveaway</title></head>
            <body>
              <h1>The chicken giveaway</h1>
              <p>1,000 fried chickens for the first lucky fans. Log in and enter once.</p>
            {images}  <p><a href="/events/{GiveawaySchema.LiveEventId}">Event</a> · <a href="/winners">Winners</a></p>
            </body>
            </html>
            """;
    }

    /// <summary>Writes the home page's images into <c>img/</c> of <paramref name="directory"/>: placeholder bytes of a photo's size.</summary>
    public static void WriteImages(string directory, int bytesEach)
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "img"));
        var random = new Random(2024);
        foreach (var image in Images)
        {
            var bytes = new byte[bytesEach];
            random.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(folder.FullName, image), bytes);
        }
    }

    private sealed record Credentials(string? Name, string? Password);

    private sealed record Entry(int UserId);
}
