namespace Surge.Scripting.Tests.Yaml;

public sealed class YamlCheckTests : IDisposable
{
    private const string Json = """{"user":"alice","age":41,"admin":true,"token":"t-1"}""";
    private readonly YamlFiles _files = new();
    private readonly TestVu _vu = new();

    public void Dispose()
    {
        _vu.Dispose();
        _files.Dispose();
    }

    [Theory]
    [InlineData("status: 200", "status is 200", true)]
    [InlineData("status: [201, 200]", "status is 201 or 200", true)]
    [InlineData("status: 404", "status is 404", false)]
    [InlineData("bodyContains: alice", "body contains alice", true)]
    [InlineData("bodyContains: bob", "body contains bob", false)]
    [InlineData("{ jsonPath: $.user, equals: alice }", "$.user equals alice", true)]
    [InlineData("{ jsonPath: $.user, equals: Alice }", "$.user equals Alice", false)]
    [InlineData("{ jsonPath: $.age, equals: 41 }", "$.age equals 41", true)]
    [InlineData("{ jsonPath: $.admin, equals: true }", "$.admin equals true", true)]
    [InlineData("{ jsonPath: $.token, exists: true }", "$.token exists", true)]
    [InlineData("{ jsonPath: $.missing, exists: true }", "$.missing exists", false)]
    [InlineData("{ jsonPath: $.missing, exists: false }", "$.missing does not exist", true)]
    [InlineData("{ jsonPath: $.token, contains: t- }", "$.token contains t-", true)]
    [InlineData("{ jsonPath: $.missing, equals: x }", "$.missing equals x", false)]
    [InlineData("{ header: Content-Type, contains: json }", "header Content-Type contains json", true)]
    [InlineData("{ header: content-type, equals: application/json }", "header content-type equals application/json", true)]
    [InlineData("{ header: X-Missing, exists: true }", "header X-Missing exists", false)]
    [InlineData("{ header: X-Missing, exists: false }", "header X-Missing does not exist", true)]
    [InlineData("duration: \"<500ms\"", "duration < 500ms", true)]
    [InlineData("duration: \"<= 100ms\"", "duration <= 100ms", false)]
    [InlineData("duration: \">100ms\"", "duration > 100ms", true)]
    [InlineData("duration: \">=1s\"", "duration >= 1s", false)]
    public void Check_DefaultNameAndOutcome(string check, string name, bool passes)
    {
        var step = _files.Step($"- url: /x\n  checks:\n    - {check}");

        var parsed = Assert.Single(step.Checks);
        Assert.Equal(name, parsed.Name);
        var response = TestVu.Response(200, Json, durationMs: 250, ("Content-Type", "application/json"));
        Assert.Equal(passes, parsed.Passes(response, _vu.State()));
    }

    [Fact]
    public void Check_TemplateInEquals_ComparesWithTheRenderedValue()
    {
        var steps = YamlFiles.Steps(_files.Load("""
            variables: { who: alice }
            requests:
              - url: /login
                extract: { expected: { header: X-User } }
              - url: /me
                checks:
                  - name: the right user
                    jsonPath: $.user
                    equals: "{{expected}}"
                  - bodyContains: "{{who}}"
            """));

        var check = steps[1].Checks[0];
        Assert.Equal("the right user", check.Name);
        Assert.Equal("body contains {{who}}", steps[1].Checks[1].Name);
        var state = _vu.State();
        state.Extract("expected", "alice");
        Assert.True(check.Passes(TestVu.Response(200, Json), state));
        state.Extract("expected", "bob");
        Assert.False(check.Passes(TestVu.Response(200, Json), state));
        Assert.True(steps[1].Checks[1].Passes(TestVu.Response(200, Json), state));
    }

    [Fact]
    public void JsonPathCheck_OnABodyThatIsNotJson_Fails()
    {
        var step = _files.Step("- url: /x\n  checks: [{ jsonPath: $.a, exists: true }]");

        Assert.False(step.Checks[0].Passes(TestVu.Response(200, "<html>"), _vu.State()));
        Assert.False(step.Checks[0].Passes(TestVu.Response(500), _vu.State()));
    }

    [Theory]
    [InlineData("[{ status: 200, bodyContains: x }]", "a check tests one thing; this one has status and bodyContains")]
    [InlineData("[{ name: x }]", "a check needs one of status, bodyContains, jsonPath, header or duration")]
    [InlineData("[{ jsonPath: $.a }]", "a jsonPath check needs one of equals, contains or exists")]
    [InlineData("[{ jsonPath: $.a, equals: 1, exists: true }]", "needs one of equals, contains or exists, not equals and exists")]
    [InlineData("[{ header: X-A }]", "a header check needs one of equals, contains or exists")]
    [InlineData("[{ status: 200, equals: 1 }]", "'equals' goes with jsonPath or header, not with status")]
    [InlineData("[{ status: 99 }]", "'status' must be an HTTP status from 100 to 599, not 99")]
    [InlineData("[{ status: ok }]", "'status' must be a whole number, not 'ok'")]
    [InlineData("[{ jsonPath: user, exists: true }]", "JSON path 'user' must start with '$'")]
    [InlineData("[{ jsonPath: $.a, exists: maybe }]", "'exists' must be true or false, not 'maybe'")]
    [InlineData("[{ duration: 500ms }]", "'duration' must be a comparison with a duration, e.g. \"<500ms\"")]
    [InlineData("[{ duration: \"<fast\" }]", "'duration' must be a comparison with a duration")]
    [InlineData("{ status: 200 }", "'checks' must be a list, not a mapping")]
    public void MalformedCheck_IsALoadError(string checks, string reason) =>
        Assert.Contains(reason, _files.Error($"requests:\n  - url: /x\n    checks: {checks}\n"), StringComparison.Ordinal);

    [Fact]
    public void MalformedCheck_ErrorHasTheCheckLocation() =>
        Assert.Equal(
            "test.yaml(5,19): JSON path '$..a' has an empty name at position 2",
            _files.Error("requests:\n  - url: /x\n    checks:\n      - status: 200\n      - jsonPath: $..a\n        exists: true\n"));
}
