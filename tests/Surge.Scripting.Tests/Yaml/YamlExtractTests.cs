using System.Net;

namespace Surge.Scripting.Tests.Yaml;

public sealed class YamlExtractTests : IDisposable
{
    private readonly YamlFiles _files = new();
    private readonly TestVu _vu = new(baseUrl: new Uri("http://127.0.0.1:9/"));

    public void Dispose()
    {
        _vu.Dispose();
        _files.Dispose();
    }

    [Theory]
    [InlineData("{ jsonPath: $.token }", "abc")]
    [InlineData("{ jsonPath: \"$.items[1].id\" }", "2")]
    [InlineData("{ jsonPath: \"$.items[0]\" }", """{"id":1}""")]
    [InlineData("{ regex: 'csrf=(\\w+)' }", "k9")]
    [InlineData("{ regex: 'csrf=\\w+' }", "csrf=k9")]
    [InlineData("{ header: location }", "/next")]
    public void Extract_FindsTheValue(string source, string expected)
    {
        var step = _files.Step($"- url: /x\n  extract:\n    value: {source}");
        var body = """{"token":"abc","items":[{"id":1},{"id":2}],"form":"csrf=k9;"}""";

        var extractor = Assert.Single(step.Extractors);
        Assert.Equal("value", extractor.Name);
        Assert.Equal(expected, extractor.Extract(TestVu.Response(200, body, 1, ("Location", "/next")), "/x", _vu.State()));
    }

    [Fact]
    public void Extract_Cookie_FromTheVusJarForTheRequestUrl()
    {
        var step = _files.Step("- url: /login\n  extract: { session: { cookie: session } }");
        _vu.Vu.Http.Cookies.Add(new Cookie("session", "s-42", "/", "127.0.0.1"));

        var extractor = Assert.Single(step.Extractors);
        Assert.Equal("s-42", extractor.Extract(TestVu.Response(200), "/login", _vu.State()));
        Assert.Equal("s-42", extractor.Extract(TestVu.Response(200), "http://127.0.0.1:9/login", _vu.State()));
        Assert.Throws<Surge.Execution.IterationFailedException>(() => extractor.Extract(TestVu.Response(200), "http://localhost:9/login", _vu.State()));
    }

    [Fact]
    public void Extract_Cookie_UnderABaseUrlWithAPath_UsesTheUrlTheRequestWentTo()
    {
        using var shop = new TestVu(baseUrl: new Uri("http://127.0.0.1:9/shop/"));
        var step = _files.Step("- url: /login\n  extract: { session: { cookie: session } }");
        shop.Vu.Http.Cookies.SetCookies(new Uri("http://127.0.0.1:9/shop/login"), "session=s-7; Path=/shop");

        var extractor = Assert.Single(step.Extractors);
        Assert.Equal(new Uri("http://127.0.0.1:9/shop/login"), shop.Vu.Http.ResolveUrl("/login"));
        Assert.Equal("s-7", extractor.Extract(TestVu.Response(200), "/login", shop.State()));
    }

    [Theory]
    [InlineData("{ jsonPath: $.nope }", """{"a":1}""", "test.yaml(4,14): extract 'value' found no $.nope in the response (status 401)")]
    [InlineData("{ jsonPath: $.a }", "<html>", "test.yaml(4,14): extract 'value' needs a JSON response, and the body of this one (status 401) is not JSON")]
    [InlineData("{ regex: 'id=(\\d+)' }", "none", "test.yaml(4,14): extract 'value' found no match for /id=(\\d+)/ in the response (status 401)")]
    [InlineData("{ header: X-Token }", "", "test.yaml(4,14): extract 'value' found no header X-Token in the response (status 401)")]
    public void Extract_NoMatch_ThrowsWithTheStepLocation(string source, string body, string message)
    {
        var step = _files.Step($"- url: /x\n  extract:\n    value: {source}");

        var error = Assert.Throws<Surge.Execution.IterationFailedException>(() => step.Extractors[0].Extract(TestVu.Response(401, body), "/x", _vu.State()));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("value: { jsonPath: $.a, header: X }", "extract 'value' needs exactly one of jsonPath, regex, header or cookie")]
    [InlineData("value: { }", "extract 'value' needs exactly one of jsonPath, regex, header or cookie")]
    [InlineData("value: $.a", "extract 'value' must be a mapping of keys to values")]
    [InlineData("vu: { header: X }", "'vu' cannot be an extracted name")]
    [InlineData("my.value: { header: X }", "'my.value' cannot be an extracted name")]
    [InlineData("value: { regex: '(' }", "'(' is not a regular expression")]
    [InlineData("value: { jsonPath: 'a' }", "JSON path 'a' must start with '$'")]
    public void MalformedExtract_IsALoadError(string entry, string reason) =>
        Assert.Contains(reason, _files.Error($"requests:\n  - url: /x\n    extract:\n      {entry}\n"), StringComparison.Ordinal);
}
