using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Surge.Http;
using Surge.IntegrationTests.Support;

namespace Surge.IntegrationTests.Http;

/// <summary>HTTPS through the runtime's sockets and SslStream, against Kestrel with a self-signed certificate.</summary>
public class TlsTests
{
    [Fact]
    public async Task SelfSignedServer_WithInsecureSkipVerify_AnswersOverTls_AndTimesTheHandshakeOnce()
    {
        await using var app = await StartHttpsAsync();
        var url = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
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
        var url = new Uri(app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        HttpResponse? response = null;

        await Runs.OnceAsync(new HttpOptions(), async http => response = await http.GetAsync(url.ToString()));

        Assert.NotNull(response);
        Assert.Equal(0, response.Status);
        Assert.Equal(HttpErrorKind.Tls, response.Error);
    }

    private static async Task<WebApplication> StartHttpsAsync()
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
        app.Run(context => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "secure hello"));
        await app.StartAsync();
        return app;
    }
}
