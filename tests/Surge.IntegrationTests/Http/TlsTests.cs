using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Surge.Http;
using Surge.Http.Transport;
using Surge.IntegrationTests.Support;

namespace Surge.IntegrationTests.Http;

/// <summary>HTTPS (SslStream over Surge's event loop on Linux), against Kestrel with a self-signed certificate.</summary>
public class TlsTests
{
    [Fact]
    public async Task SelfSignedServer_WithInsecureSkipVerify_AnswersOverTls_AndTimesTheHandshakeOnce()
    {
        await using var app = await StartHttpsAsync();
        var url = Url(app);
        var bodies = new List<string>();

        var summary = await Runs.OnceAsync(new HttpOptions { InsecureSkipTlsVerify = true }, async http =>
        {
            for (var i = 0; i < 3; i++)
            {
                var response = await http.GetAsync(url.ToString());
                bodies.Add($"{response.Status} {response.BodyText}");
            }
        });

        Assert.Equal(["200 secure hello", "200 secure hello", "200 secure hello"], bodies);
        Assert.Equal(3, summary.Metric("http_reqs").Sum);
        var handshakes = summary.Metric("http_req_tls_handshaking");
        Assert.True(handshakes.Max > 0, "the first request's TLS handshake took no time");
        Assert.True(handshakes.Min == 0, "a kept-alive TLS connection was handshaken again");
    }

    [Fact]
    public async Task SelfSignedServer_Verified_FailsAsTlsError()
    {
        await using var app = await StartHttpsAsync();
        var url = Url(app);
        HttpResponse? response = null;

        await Runs.OnceAsync(new HttpOptions(), async http => response = await http.GetAsync(url.ToString()));

        Assert.NotNull(response);
        Assert.Equal(0, response.Status);
        Assert.Equal(HttpErrorKind.Tls, response.Error);
    }

    [Fact]
    public async Task LargeChunkedAndDelayedBodies_AreReadWholeOverTls_WhereTheBytesArrive()
    {
        // 3 MiB is some two hundred TLS records, read through full socket buffers; chunked framing runs over
        // decrypted bytes; a response that comes late makes a waiting VU wait with no buffer (many-VU mode).
        var large = new byte[3 << 20];
        new Random(7).NextBytes(large);
        var connections = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var app = await StartHttpsAsync(async context =>
        {
            connections[context.Connection.Id] = true;
            switch (context.Request.Path.Value)
            {
                case "/large":
                    await context.Response.Body.WriteAsync(large);
                    break;
                case "/chunked":
                    for (var i = 0; i < 5; i++)
                    {
                        await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, $"part{i};");
                        await context.Response.Body.FlushAsync();
                    }

                    break;
                default:
                    await Task.Delay(300);
                    await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "late");
                    break;
            }
        });
        var url = Url(app);
        var onLoop = new List<bool>();
        bool Expected(int status)
        {
            lock (onLoop)
            {
                onLoop.Add(EventLoop.OnLoopThread); // where the response was read and recorded
            }

            return status == 200;
        }

        var results = new List<string>();
        var options = new HttpOptions { InsecureSkipTlsVerify = true, WaitForDataBeforeBuffer = true };
        var summary = await Runs.OnceAsync(options, async http =>
        {
            foreach (var path in (string[])["large", "chunked", "late", "large", "late"])
            {
                var response = await http.SendAsync(new HttpRequest("GET", new Uri(url, path)) { IsExpectedStatus = Expected });
                results.Add(path == "large"
                    ? $"{response.Status} {response.Body.Span.SequenceEqual(large)}"
                    : $"{response.Status} {response.BodyText}");
            }
        });

        Assert.Equal(["200 True", "200 part0;part1;part2;part3;part4;", "200 late", "200 True", "200 late"], results);
        Assert.Empty(summary.ErrorCounts());
        Assert.Single(connections); // kept alive throughout
        Assert.All(onLoop, read => Assert.Equal(OperatingSystem.IsLinux(), read));
    }

    [Fact]
    public async Task ServerClosingEachConnection_IsHandshakenAgain_ForTheNextRequest()
    {
        var connections = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var app = await StartHttpsAsync(context =>
        {
            connections[context.Connection.Id] = true;
            context.Response.Headers.Connection = "close";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "bye");
        });
        var url = Url(app);
        var bodies = new List<string>();

        var summary = await Runs.OnceAsync(new HttpOptions { InsecureSkipTlsVerify = true }, async http =>
        {
            for (var i = 0; i < 4; i++)
            {
                bodies.Add((await http.GetAsync(url.ToString())).BodyText);
            }
        });

        Assert.Equal(["bye", "bye", "bye", "bye"], bodies);
        Assert.Empty(summary.ErrorCounts());
        Assert.Equal(4, connections.Count);
        Assert.Equal(4, summary.Metric("http_req_tls_handshaking").Count); // each request timed its own handshake
        Assert.True(summary.Metric("http_req_tls_handshaking").Min > 0, "a new connection was not handshaken");
    }

    private static Uri Url(WebApplication app) =>
        new(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");

    private static async Task<WebApplication> StartHttpsAsync(Microsoft.AspNetCore.Http.RequestDelegate? handler = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Kestrel needs the private key in a form it can use on Linux: round-trip through PKCS#12.
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(handler ?? (context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "secure hello")));
        await app.StartAsync();
        return app;
    }
}
