using System.Text;
using Surge.Http;

namespace Surge.Tests.Http;

public class HttpRequestTests
{
    [Fact]
    public void Encoded_PostWithHeaders_IsAValidHttp11Request()
    {
        var request = new HttpRequest("post", new Uri("http://127.0.0.1:8080/api/items?x=1"), [new("Content-Type", "application/json")], "{\"a\":1}"u8.ToArray());

        var text = Encoding.ASCII.GetString(request.Encoded);

        Assert.StartsWith("POST /api/items?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: surge/", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 7\r\nContent-Type: application/json\r\n\r\n{\"a\":1}", text, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:8080/api/items?x=1", request.NameTag);
    }

    [Fact]
    public void Encoded_UserAgent_TheTestsOwn_NoneWhenEmpty_AndTheRequestsHeaderWins()
    {
        static string Encode(HttpRequest request) => Encoding.ASCII.GetString(request.Encoded);
        var url = new Uri("http://127.0.0.1:8080/");

        var own = Encode(new HttpRequest("GET", url) { UserAgent = "shop-probe/2" });
        var none = Encode(new HttpRequest("GET", url) { UserAgent = "" });
        var header = Encode(new HttpRequest("GET", url, [new("user-agent", "mine/1")]) { UserAgent = "shop-probe/2" });

        Assert.Equal("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: shop-probe/2\r\n\r\n", own);
        Assert.Equal("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", none);
        Assert.Equal("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nuser-agent: mine/1\r\n\r\n", header);
    }

    [Fact]
    public void WithUserAgent_APreparedRequestTakesTheTestsAgent_ItselfWhenSame_ACopyKeptOtherwise()
    {
        var url = new Uri("http://127.0.0.1:8080/");
        var prepared = new HttpRequest("GET", url) { Name = "home" };
        var own = new HttpRequest("GET", url, [new("User-Agent", "mine/1")]);

        var none = prepared.WithUserAgent("");

        Assert.Same(prepared, prepared.WithUserAgent(HttpRequest.DefaultUserAgent));
        Assert.Same(none, prepared.WithUserAgent(""));
        Assert.Equal("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", Encoding.ASCII.GetString(none.Encoded));
        Assert.Equal("home", none.NameTag);
        Assert.Contains("\r\nUser-Agent: probe/2\r\n", Encoding.ASCII.GetString(prepared.WithUserAgent("probe/2").Encoded), StringComparison.Ordinal);
        Assert.Contains("\r\nUser-Agent: mine/1\r\n", Encoding.ASCII.GetString(own.WithUserAgent("").Encoded), StringComparison.Ordinal);
        Assert.Contains("\r\nUser-Agent: surge/", Encoding.ASCII.GetString(prepared.Encoded), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_HeaderWithLineBreak_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new HttpRequest("GET", new Uri("http://127.0.0.1/"), [new("X", "a\r\nInjected: 1")]));

    [Fact]
    public void Constructor_NotHttpUrl_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new HttpRequest("GET", new Uri("ftp://127.0.0.1/")));

    [Theory]
    [InlineData("GE T")]
    [InlineData("GET\r\nX-Injected: 1")]
    [InlineData("GET/")]
    [InlineData("(GET)")]
    public void Constructor_MethodThatIsNotAToken_IsRefused(string method)
    {
        var error = Assert.Throws<ArgumentException>(() => new HttpRequest(method, new Uri("http://127.0.0.1/")));

        Assert.StartsWith($"'{method}' is not an HTTP method", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PURGE")]
    [InlineData("M-SEARCH")]
    [InlineData("patch")]
    public void Constructor_MethodThatIsAToken_IsSentUpperCase(string method) =>
        Assert.Equal(method.ToUpperInvariant(), new HttpRequest(method, new Uri("http://127.0.0.1/")).Method);
}
