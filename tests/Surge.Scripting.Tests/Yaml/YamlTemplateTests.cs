using Surge.Configuration;

namespace Surge.Scripting.Tests.Yaml;

public sealed class YamlTemplateTests : IDisposable
{
    private readonly YamlFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void KnownNames_RenderFromVariablesBuiltInsEnvAndData()
    {
        _files.Write("data/users.csv", "username,password\nalice,a1\nbob,b2\n");
        var script = _files.Load("""
            variables: { itemId: "17", greeting: hello }
            data:
              users: { file: data/users.csv }
            requests:
              - url: "/items/{{itemId}}?vu={{ vu }}&i={{iteration}}&s={{scenario}}&u={{users.username}}&e={{env.STAGE}}"
                headers: { X-Greeting: "{{greeting}}, {{users.password}}" }
            """);

        var step = Assert.Single(YamlFiles.Steps(script));
        using var vu = new TestVu(new Dictionary<string, string> { ["STAGE"] = "qa" }, id: 2, scenario: "browse");
        var state = vu.State(dataSources: 1);
        Assert.Equal("/items/17?vu=2&i=0&s=browse&u=bob&e=qa", step.Url.Render(state));
        Assert.Equal("hello, b2", step.Headers[0].Value.Render(state));
        Assert.Equal("/items/{{itemId}}?vu={{ vu }}&i={{iteration}}&s={{scenario}}&u={{users.username}}&e={{env.STAGE}}", step.Name);
    }

    [Fact]
    public void VariablesOnly_IsConstant()
    {
        var step = Assert.Single(YamlFiles.Steps(_files.Load("variables: { id: 7 }\nrequests: [{ url: \"/items/{{id}}\" }]\n")));

        Assert.True(step.Url.IsConstant);
        Assert.Equal("/items/{{id}}", step.Name);
    }

    [Fact]
    public void ExtractedByEarlierStep_IsKnown_AndRendersThePerIterationValue()
    {
        var script = _files.Load("""
            requests:
              - url: /login
                extract:
                  token: { jsonPath: $.token }
              - url: /cart
                headers: { Authorization: "Bearer {{token}}" }
            """);

        var steps = YamlFiles.Steps(script);
        using var vu = new TestVu();
        var state = vu.State();
        state.Extract("token", "t-1");
        Assert.Equal("Bearer t-1", steps[1].Headers[0].Value.Render(state));
        Assert.Throws<KeyNotFoundException>(() => steps[1].Headers[0].Value.Render(vu.State()));
    }

    [Fact]
    public void UnknownName_IsALoadErrorAtTheBraces_WithDidYouMean()
    {
        var error = _files.Error("""
            variables: { itemId: "17" }
            requests:
              - url: /items/{{itemid}}
            """);

        Assert.Equal(
            "test.yaml(3,17): unknown template variable 'itemid' in '/items/{{itemid}}' (did you mean 'itemId'?); use a variable, a value extracted by an earlier step, a data column (source.column), env.NAME, vu, iteration or scenario",
            error);
    }

    [Fact]
    public void UnknownName_InQuotedScalar_PointsInsideTheQuotes()
    {
        var error = _files.Error("requests:\n  - url: \"/a/{{vu}}/{{nope}}\"\n");

        Assert.StartsWith("test.yaml(2,21): unknown template variable 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractedByALaterStep_IsALoadError()
    {
        var error = _files.Error("""
            requests:
              - url: /cart
                headers: { Authorization: "Bearer {{token}}" }
              - url: /login
                extract: { token: { jsonPath: $.token } }
            """);

        Assert.StartsWith("test.yaml(3,39): 'token' in 'Bearer {{token}}' is extracted by a later step", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractedInAnotherScenario_IsUnknown()
    {
        var error = _files.Error("""
            scenarios:
              a:
                executor: constant-vus
                duration: 1s
                requests: [{ url: /login, extract: { token: { header: X-Token } } }]
              b:
                executor: constant-vus
                duration: 1s
                requests: [{ url: "/cart/{{token}}" }]
            """);

        Assert.StartsWith("test.yaml(9,30): unknown template variable 'token'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDataColumn_ListsTheColumns()
    {
        _files.Write("users.csv", "username,password\nalice,a1\n");

        var error = _files.Error("""
            data: { users: users.csv }
            requests:
              - url: /login
                json: { name: "{{users.usrname}}" }
            """);

        Assert.Equal("test.yaml(4,20): data source 'users' has no column 'usrname' (did you mean 'username'?); its columns are username, password", error);
    }

    [Theory]
    [InlineData("/a/{{vu", "'{{' without a closing '}}'")]
    [InlineData("/a/{{ }}", "empty template")]
    public void MalformedTemplate_IsALoadError(string url, string reason) =>
        Assert.Contains(reason, _files.Error($"requests: [{{ url: \"{url}\" }}]"), StringComparison.Ordinal);

    [Fact]
    public void MissingEnvironmentVariable_FailsAtRunTime()
    {
        var step = Assert.Single(YamlFiles.Steps(_files.Load("requests:\n  - url: \"/{{env.SURGE_TEST_NOT_SET}}\"\n")));
        using var vu = new TestVu();

        var error = Assert.Throws<Surge.Execution.IterationFailedException>(() => step.Url.Render(vu.State()));
        Assert.Equal("test.yaml(2,10): environment variable 'SURGE_TEST_NOT_SET' is not set; pass -e SURGE_TEST_NOT_SET=VALUE", error.Message);
    }

    [Fact]
    public void DataPick_SequentialTakesOneRowPerIteration_PerVuKeepsTheVusRow()
    {
        _files.Write("users.csv", "name\nr1\nr2\nr3\n");
        var script = _files.Load("""
            data:
              seq: { file: users.csv, pick: sequential }
              mine: { file: users.csv }
              any: { file: users.csv, pick: random }
            requests:
              - url: "/{{seq.name}}/{{seq.name}}/{{mine.name}}/{{any.name}}"
            """);
        var step = Assert.Single(YamlFiles.Steps(script));
        using var vu = new TestVu(id: 2);

        var first = step.Url.Render(vu.State(3)).Split('/');
        var second = step.Url.Render(vu.State(3)).Split('/');

        Assert.Equal(["", "r1", "r1", "r2"], first[..4]);
        Assert.Equal(["", "r2", "r2", "r2"], second[..4]);
        Assert.Contains(first[4], new[] { "r1", "r2", "r3" });
    }

    [Fact]
    public void ScenarioEnvAndBuiltIns_AreNotUnknown()
    {
        var script = _files.Load("requests: [{ url: \"/{{scenario}}/{{vu}}/{{iteration}}/{{env.ANY}}\" }]\n");

        Assert.False(Assert.Single(YamlFiles.Steps(script)).Url.IsConstant);
    }

    [Fact]
    public void ErrorsAreConfigExceptionsOfOneLine()
    {
        var error = Assert.Throws<ConfigException>(() => _files.Load("requests:\n  - url: /x/{{y}}\n"));

        Assert.DoesNotContain('\n', error.Message);
    }
}
