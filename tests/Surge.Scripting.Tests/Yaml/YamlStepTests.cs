using System.Text;
using Surge.Scripting.Yaml;

namespace Surge.Scripting.Tests.Yaml;

public sealed class YamlStepTests : IDisposable
{
    private readonly YamlFiles _files = new();
    private readonly TestVu _vu = new(baseUrl: new Uri("http://127.0.0.1:9/api/"));

    public void Dispose()
    {
        _vu.Dispose();
        _files.Dispose();
    }

    [Fact]
    public void Step_AllFields()
    {
        var step = _files.Step("""
            - name: login
              method: post
              url: /login
              headers: { X-Trace: "{{vu}}" }
              query: { q: chicken, page: 2 }
              timeout: 5s
              expect: [200, 201]
              tags: { kind: auth }
              think: 1s
            """);

        Assert.Equal("login", step.Name);
        Assert.Equal("POST", step.Method);
        Assert.Equal("/login", step.Url.Text);
        Assert.Equal("X-Trace", step.Headers[0].Key);
        Assert.Equal("1", step.Headers[0].Value.Render(_vu.State()));
        Assert.Equal([("q", "chicken"), ("page", "2")], step.Query.Select(q => (q.Key, q.Value.Render(_vu.State()))));
        Assert.Equal(TimeSpan.FromSeconds(5), step.Timeout);
        Assert.Equal([200, 201], step.Expect!);
        Assert.Equal("auth", step.Tags["kind"]);
        Assert.Equal(new ThinkTime(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), step.Think);
        Assert.Null(step.Body);
    }

    [Fact]
    public void Step_Defaults()
    {
        var step = _files.Step("- url: /items/{{vu}}\n  expect: 404");

        Assert.Equal("GET", step.Method);
        Assert.Equal("/items/{{vu}}", step.Name);
        Assert.Null(step.Timeout);
        Assert.Equal([404], step.Expect!);
        Assert.Null(step.Think);
        Assert.Empty(step.Checks);
        Assert.Empty(step.Extractors);
    }

    [Theory]
    [InlineData("1s", 1000, 1000)]
    [InlineData("500ms", 500, 500)]
    [InlineData("0.2", 200, 200)]
    [InlineData("1s-3s", 1000, 3000)]
    [InlineData("100ms - 1.5s", 100, 1500)]
    public void Think_FixedOrRange(string think, int minMs, int maxMs)
    {
        var step = _files.Step($"- url: /x\n  think: \"{think}\"");

        Assert.Equal(new ThinkTime(TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs)), step.Think);
    }

    [Theory]
    [InlineData("3s-1s", "ends before it starts")]
    [InlineData("1s-2s-3s", "neither a duration (1s) nor a range (1s-3s)")]
    [InlineData("soon", "'soon' is not a duration")]
    public void Think_Malformed_IsALoadError(string think, string reason)
    {
        var error = _files.Error($"requests:\n  - url: /x\n    think: {think}\n");

        Assert.StartsWith("test.yaml(3,12): 'think' must be a duration like 1s or a range like 1s-3s", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonBody_KeepsUnquotedTypes_AndRendersTemplatesInStrings()
    {
        var steps = YamlFiles.Steps(_files.Load("""
            requests:
              - url: /flags
                extract: { enabled: { header: X-On } }
              - url: /cart
                method: POST
                json:
                  itemId: 1
                  price: 9.5
                  gift: false
                  note: ~
                  code: "007"
                  version: 1.0.3
                  who: "vu {{vu}}"
                  count: !!int "{{vu}}"
                  flag: !!bool "{{enabled}}"
                  tags: [a, 2, true]
                  nested: { deep: [{ x: "{{iteration}}" }] }
            """));
        var state = _vu.State();
        state.Extract("enabled", "true");

        var body = steps[1].Body!(state);

        Assert.Equal("application/json", body.ContentType);
        Assert.Equal(
            """{"itemId":1,"price":9.5,"gift":false,"note":null,"code":"007","version":"1.0.3","who":"vu 1","count":1,"flag":true,"tags":["a",2,true],"nested":{"deep":[{"x":"0"}]}}""",
            Encoding.UTF8.GetString(body.Content.Span));
    }

    [Fact]
    public void JsonBody_TaggedNumberThatIsNot_FailsAtRunTime()
    {
        var step = _files.Step("- url: /x\n  json: { n: !!int \"{{scenario}}\" }");

        var error = Assert.Throws<FormatException>(() => step.Body!(_vu.State()));
        Assert.Equal("test.yaml(3,16): 'default' is not a number, and the JSON value is tagged !!int", error.Message);
    }

    [Fact]
    public void JsonBody_TopLevelList()
    {
        var step = _files.Step("- url: /x\n  json: [1, \"two\"]");

        Assert.Equal("""[1,"two"]""", Encoding.UTF8.GetString(step.Body!(_vu.State()).Content.Span));
    }

    [Fact]
    public void FormBody_IsUrlEncoded()
    {
        var step = _files.Step("- url: /login\n  form: { username: \"user {{vu}}\", password: \"a&b\" }");

        var body = step.Body!(_vu.State());
        Assert.Equal("application/x-www-form-urlencoded", body.ContentType);
        Assert.Equal("username=user%201&password=a%26b", Encoding.UTF8.GetString(body.Content.Span));
    }

    [Fact]
    public void TextBody_WithContentType()
    {
        var step = _files.Step("- url: /x\n  body: \"hello {{vu}}\"\n  contentType: text/csv");

        var body = step.Body!(_vu.State());
        Assert.Equal("text/csv", body.ContentType);
        Assert.Equal("hello 1", Encoding.UTF8.GetString(body.Content.Span));
    }

    [Fact]
    public void TextBody_DefaultsToPlainText() =>
        Assert.Equal("text/plain; charset=utf-8", _files.Step("- url: /x\n  body: hi").Body!(_vu.State()).ContentType);

    [Theory]
    [InlineData("method: \"GET /\"", "'method' must be an HTTP method such as GET or POST")]
    [InlineData("timeout: 0s", "'timeout' must be longer than 0s")]
    [InlineData("expect: [200, 700]", "'expect' must be an HTTP status from 100 to 599, not 700")]
    [InlineData("contentType: text/plain", "'contentType' needs a body")]
    [InlineData("form: [a]", "'form' must be a mapping of keys to values, not a list")]
    [InlineData("json: { n: !!timestamp \"2020-01-01\" }", "is not supported in a JSON body")]
    [InlineData("url: \"\"", "'url' is empty")]
    public void MalformedStep_IsALoadError(string line, string reason)
    {
        var yaml = line.StartsWith("url:", StringComparison.Ordinal) ? $"requests:\n  - {line}\n" : $"requests:\n  - url: /x\n    {line}\n";

        Assert.Contains(reason, _files.Error(yaml), StringComparison.Ordinal);
    }
}
