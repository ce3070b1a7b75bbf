using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Surge.Configuration;
using Surge.Outcome;
using Surge.Reports.Html;

namespace Surge.Reports.Dashboard;

/// <summary>
/// The live dashboard (<c>--dashboard</c>): the report page in live mode at <c>/</c>, its seconds as
/// Server-Sent Events at <c>/events</c>, and the finished report at <c>/report.html</c>.
/// </summary>
/// <remarks>
/// It binds before any load is sent, so a port already taken is a one-line error, not a failed test.
/// Loopback by default; any other address needs a token, asked of every request.
/// </remarks>
internal sealed class DashboardServer : IAsyncDisposable
{
    /// <summary>Where the dashboard listens when <c>--dashboard-listen</c> is not given (k6's port).</summary>
    public const string DefaultListen = "127.0.0.1:5665";

    private readonly WebApplication _app;
    private readonly DashboardFeed _feed;
    private readonly string? _token;
    private readonly DiagnosisLanguage _language;

    private DashboardServer(WebApplication app, DashboardFeed feed, string? token, DiagnosisLanguage language, Uri url)
    {
        _app = app;
        _feed = feed;
        _token = token;
        _language = language;
        Url = url;
    }

    /// <summary>The page's address, with the token when one is needed.</summary>
    public Uri Url { get; }

    public DashboardFeed Feed => _feed;

    /// <summary>Binds <paramref name="listen"/> (HOST:PORT) and serves the feed; a bad address or a taken port is a <see cref="ConfigException"/>.</summary>
    public static async Task<DashboardServer> StartAsync(string listen, string? token, DiagnosisLanguage language)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var endpoint = Endpoint(listen);
        if (!IPAddress.IsLoopback(endpoint.Address) && string.IsNullOrEmpty(token))
        {
            throw new ConfigException($"--dashboard-listen {listen} is not a loopback address; give --dashboard-token TOKEN so only those who have it can see the test");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var feed = new DashboardFeed(language);
        var host = endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
        var server = new DashboardServer(app, feed, string.IsNullOrEmpty(token) ? null : token, language,
            new Uri($"http://{host}:{endpoint.Port}/" + (string.IsNullOrEmpty(token) ? "" : "?token=" + Uri.EscapeDataString(token))));
        server.Map();
        try
        {
            await app.StartAsync();
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            await feed.DisposeAsync();
            throw new ConfigException($"--dashboard-listen {listen} cannot be used ({exception.Message.TrimEnd('.')}); another program has the port: choose another with --dashboard-listen HOST:PORT");
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        await _feed.DisposeAsync();
    }

    private static IPEndPoint Endpoint(string listen)
    {
        var colon = listen.LastIndexOf(':');
        var hostText = colon > 0 ? listen[..colon].Trim('[', ']') : "";
        if (colon <= 0 || !int.TryParse(listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ConfigException($"--dashboard-listen '{listen}' needs the form HOST:PORT, e.g. 127.0.0.1:5665");
        }

        if (hostText == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(hostText, out var address)
            ? new IPEndPoint(address, port)
            : throw new ConfigException($"--dashboard-listen '{listen}': '{hostText}' is not an IP address; use e.g. 127.0.0.1, 0.0.0.0 or an address of this machine");
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            if (_token is not null && !Authorized(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("this dashboard needs its token: open the address Surge printed (…?token=…)");
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await next(context);
        });
        _app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Content(HtmlReport.Page(_feed.StartData ?? ReportData.Waiting(), _language), "text/html; charset=utf-8"));
        _app.MapGet("/report.html", () => _feed.Report is { } report
            ? Microsoft.AspNetCore.Http.Results.File(Encoding.UTF8.GetBytes(report), "text/html; charset=utf-8", "surge-report.html")
            : Microsoft.AspNetCore.Http.Results.Text("the report is ready when the test ends", statusCode: StatusCodes.Status404NotFound));
        _app.MapGet("/events", StreamAsync);
    }

    private bool Authorized(HttpRequest request)
    {
        var given = request.Query["token"].ToString();
        if (given.Length == 0 && request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            given = header["Bearer ".Length..];
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(_token!));
    }

    /// <summary>The seconds as Server-Sent Events; a reconnecting browser's Last-Event-ID says where to go on.</summary>
    private async Task StreamAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        var sent = int.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
        var listener = _feed.Listen();
        var aborted = context.RequestAborted;
        try
        {
            await response.WriteAsync("retry: 1000\n\n", aborted);
            await response.Body.FlushAsync(aborted);
            while (await listener.WaitToReadAsync(aborted))
            {
                listener.TryRead(out _);
                var (rows, end) = _feed.Since(sent);
                var text = new StringBuilder();
                foreach (var row in rows)
                {
                    sent++;
                    text.Append("id: ").Append(sent).Append("\nevent: second\ndata: ").Append(row).Append("\n\n");
                }

                if (end is not null)
                {
                    text.Append("event: end\ndata: ").Append(end).Append("\n\n");
                }

                await response.WriteAsync(text.ToString(), aborted);
                await response.Body.FlushAsync(aborted);
                if (end is not null)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away; it reconnects with its Last-Event-ID and catches up.
        }
        finally
        {
            _feed.Forget(listener);
        }
    }
}
