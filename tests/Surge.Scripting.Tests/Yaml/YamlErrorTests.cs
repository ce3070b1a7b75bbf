using Surge.Configuration;

namespace Surge.Scripting.Tests.Yaml;

public sealed class YamlErrorTests : IDisposable
{
    private readonly YamlFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void MissingFile_SaysNotFound()
    {
        var error = Assert.Throws<ConfigException>(() => Surge.Scripting.Yaml.YamlScriptLoader.Load(Path.Combine(_files.Folder, "test.yaml")));

        Assert.StartsWith("test.yaml was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvTemplateNothingSets_IsAnErrorBeforeTheTest_UnlessTheEnvironmentOrAScenarioSetsIt()
    {
        const string yaml = """
            requests:
              - url: /fast
                headers: { X-Key: "{{env.API_KEY}}" }
            scenarios:
              a: { executor: constant-vus, duration: 1s }
              b: { executor: constant-vus, duration: 1s, env: { REGION: eu } }
            """;
        var path = _files.Write("test.yaml", yaml);
        var none = new Dictionary<string, string>();

        var error = Assert.Throws<ConfigException>(() => Surge.Scripting.Yaml.YamlScriptLoader.Load(path, none)).Message;
        var given = Surge.Scripting.Yaml.YamlScriptLoader.Load(path, new Dictionary<string, string> { ["API_KEY"] = "k" });
        var byScenario = Surge.Scripting.Yaml.YamlScriptLoader.Load(_files.Write("region.yaml", yaml.Replace("API_KEY", "REGION", StringComparison.Ordinal)), none);

        Assert.Equal("test.yaml(3,24): environment variable 'API_KEY' in '{{env.API_KEY}}' is not set; pass -e API_KEY=VALUE, export it, or set it in the scenario's env", error);
        Assert.NotNull(given);
        Assert.NotNull(byScenario);
    }

    [Fact]
    public void SyntaxError_HasLineAndColumn()
    {
        var error = _files.Error("""
            vus: 1
            requests:
              - url: /fast
                headers: { Accept: json
            duration: 1s
            """);

        Assert.StartsWith("test.yaml(5,", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TabIndentation_IsASyntaxErrorWithItsLine()
    {
        var error = _files.Error("requests:\n\t- url: /fast\n");

        Assert.Equal("test.yaml(2,1): While scanning a mapping, found invalid tab as indentation.", error);
    }

    [Fact]
    public void DuplicateKey_IsAnErrorAtTheSecondKey()
    {
        var error = _files.Error("""
            vus: 1
            vus: 2
            requests: [{ url: /fast }]
            """);

        Assert.StartsWith("test.yaml(2,1): ", error, StringComparison.Ordinal);
        Assert.Contains("uplicate key", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vus: ten", "test.yaml(1,6): 'vus' must be a whole number, not 'ten'")]
    [InlineData("vus: 0", "test.yaml(1,6): 'vus' must be at least 1, not 0")]
    [InlineData("vus: [1]", "test.yaml(1,6): 'vus' must be a text, not a list")]
    [InlineData("duration: ten", "test.yaml(1,11): 'duration': 'ten' is not a duration; write it like 10s, 1m30s, 500ms or 1h")]
    [InlineData("insecure: yes", "test.yaml(1,11): 'insecure' must be true or false, not 'yes'")]
    [InlineData("timeout: 0s", "test.yaml(1,10): 'timeout' must be longer than 0s")]
    [InlineData("baseUrl: localhost:8080", "test.yaml(1,10): 'baseUrl' must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8080, not 'localhost:8080'")]
    [InlineData("headers: [a]", "test.yaml(1,10): 'headers' must be a mapping of keys to values, not a list")]
    [InlineData("goals: [fast]", "test.yaml(1,9): goal 'fast' is not understood")]
    [InlineData("thresholds: { http_req_duration: [\"p95 < fast\"] }", "test.yaml(1,35): threshold expression 'p95 < fast'")]
    public void TypeErrors_SayWhereAndWhat(string line, string expected)
    {
        var error = _files.Error(line + "\nrequests: [{ url: /fast }]\n");

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void NeitherRequestsNorScenarios_IsAnError()
    {
        var error = _files.Error("vus: 1\nduration: 1s\n");

        Assert.Equal("test.yaml(1,1): test.yaml has neither 'requests' nor 'scenarios'; add a list of requests, e.g. requests: [{ url: /fast }]", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("- url: /fast")]
    [InlineData("just text")]
    public void NotAMapping_IsAnError(string yaml) =>
        Assert.Contains("the file must be a mapping of options and requests", _files.Error(yaml), StringComparison.Ordinal);

    [Fact]
    public void StepWithoutUrl_IsAnErrorAtTheStep()
    {
        var error = _files.Error("""
            requests:
              - url: /fast
              - method: POST
                json: { a: 1 }
            """);

        Assert.Equal("test.yaml(3,5): a request needs a 'url', e.g. url: /items", error);
    }

    [Fact]
    public void EmptyRequests_IsAnError() =>
        Assert.StartsWith("test.yaml(1,11): 'requests' is empty", _files.Error("requests: []"), StringComparison.Ordinal);

    [Fact]
    public void ScenarioWithoutExecutor_IsAnError()
    {
        var error = _files.Error("""
            scenarios:
              browse:
                vus: 2
                requests: [{ url: /fast }]
            """);

        Assert.Equal("test.yaml(3,5): scenario 'browse' needs an 'executor', e.g. executor: constant-vus", error);
    }

    [Fact]
    public void UnknownExecutor_SuggestsTheClosest()
    {
        var error = _files.Error("""
            scenarios:
              browse:
                executor: constant-vu
                duration: 1s
                requests: [{ url: /fast }]
            """);

        Assert.StartsWith("test.yaml(3,15): unknown executor 'constant-vu' (did you mean 'constant-vus'?)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantVusWithoutDuration_IsAnError() =>
        Assert.Equal(
            "test.yaml(2,6): a constant-vus scenario needs a 'duration', e.g. duration: 30s",
            _files.Error("scenarios:\n  a: { executor: constant-vus, requests: [{ url: /a }] }\n"));

    [Fact]
    public void ScenarioWithoutRequests_AndNoTopLevelRequests_IsAnError() =>
        Assert.StartsWith(
            "test.yaml(2,6): scenario 'a' has no 'requests'",
            _files.Error("scenarios:\n  a: { executor: constant-vus, duration: 1s }\n"),
            StringComparison.Ordinal);

    [Fact]
    public void TwoBodies_IsAnError()
    {
        var error = _files.Error("""
            requests:
              - url: /login
                json: { a: 1 }
                body: text
            """);

        Assert.Equal("test.yaml(4,11): a request has one body, and this one has json and body; keep one", error);
    }

    [Fact]
    public void UnquotedTemplate_HintsAtQuotes()
    {
        var error = _files.Error("""
            requests:
              - url: {{path}}
            """);

        Assert.Contains("quote values that start with {{", error, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml(2,10): ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeys_AreWarningsAtEveryLevel()
    {
        var script = _files.Load("""
            notes: a key Surge does not know
            requests:
              - url: /fast
                chekcs:
                  - status: 200
                checks:
                  - status: 200
                    nmae: ok
                extract:
                  a: { header: Location, jsonpath: $.a }
            scenarios:
              s:
                executor: constant-vus
                duration: 1s
                vus: 1
                startime: 1s
            """);

        Assert.Equal(
            [
                "test.yaml(1,1): unknown key 'notes'",
                "test.yaml(4,5): unknown key 'chekcs' (did you mean 'checks'?)",
                "test.yaml(8,9): unknown key 'nmae' (did you mean 'name'?)",
                "test.yaml(10,30): unknown key 'jsonpath' (did you mean 'jsonPath'?)",
                "test.yaml(16,5): unknown key 'startime' (did you mean 'startTime'?)",
            ],
            script.Warnings);
    }

    [Theory]
    [InlineData("vus: 2\nduraton: 30s\n", "test.yaml(2,1): unknown key 'duraton': did you mean 'duration'?")]
    [InlineData("vu: 2\nduration: 30s\n", "test.yaml(1,1): unknown key 'vu': did you mean 'vus'?")]
    [InlineData("vus: 2\nduration: 30s\nthreshold: { checks: [\"rate>0.9\"] }\n", "test.yaml(3,1): unknown key 'threshold': did you mean 'thresholds'?")]
    public void TopLevelKey_CloseTypoOfAnOption_IsAnError(string options, string expected)
    {
        var error = _files.Error(options + "requests: [{ url: /fast }]\n");

        Assert.Equal($"{expected} Fix the name; as written, the option would be ignored", error);
    }

    [Fact]
    public void MissingCsv_NamesTheFileLineAndFullPath()
    {
        var error = _files.Error("""
            data:
              users:
                file: data/users.csv
            requests: [{ url: /fast }]
            """);

        var full = Path.Combine(_files.Folder, "data", "users.csv");
        Assert.Equal($"test.yaml(3,11): data file 'data/users.csv' was not found (looked for {full})", error);
    }

    [Fact]
    public void CsvWithoutRows_IsAnError()
    {
        _files.Write("empty.csv", "username,password\n");

        var error = _files.Error("data: { users: empty.csv }\nrequests: [{ url: /fast }]\n");

        Assert.Equal("test.yaml(1,16): data file 'empty.csv' has no rows; add at least one", error);
    }

    [Fact]
    public void RaggedCsv_NamesTheCsvLine()
    {
        _files.Write("users.csv", "username,password\nalice,a1\nbob\n");

        var error = _files.Error("data: { users: users.csv }\nrequests: [{ url: /fast }]\n");

        Assert.Equal("test.yaml(1,16): data file 'users.csv' line 3 has 1 field, but the header has 2 (username, password); give every line one value per column", error);
    }

    [Fact]
    public void UnknownPick_SuggestsTheClosest()
    {
        _files.Write("users.csv", "username\nalice\n");

        var error = _files.Error("data: { users: { file: users.csv, pick: sequencial } }\nrequests: [{ url: /fast }]\n");

        Assert.Equal("test.yaml(1,41): 'pick' must be per-vu, sequential or random, not 'sequencial' (did you mean 'sequential'?)", error);
    }

    [Fact]
    public void DataSourceNamedEnv_IsAnError()
    {
        _files.Write("users.csv", "username\nalice\n");

        Assert.StartsWith("test.yaml(1,9): 'env' cannot name a data source", _files.Error("data: { env: users.csv }\nrequests: [{ url: /fast }]\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void DiscardResponseBodies_WithBodyChecks_IsAWarning()
    {
        var script = _files.Load("""
            discardResponseBodies: true
            requests:
              - url: /fast
                checks: [{ bodyContains: Hello }]
            """);

        Assert.StartsWith("test.yaml(1,24): discardResponseBodies: true leaves response bodies empty", Assert.Single(script.Warnings), StringComparison.Ordinal);
        Assert.Empty(_files.Load("discardResponseBodies: true\nrequests: [{ url: /fast, checks: [{ status: 200 }] }]\n").Warnings);
    }

    [Theory]
    [InlineData("maxResponseBodyBytes: lots", "test.yaml(1,23): 'maxResponseBodyBytes': 'lots' is not a size; write it like 65536 (bytes), 512KiB, 64MiB or 10MB")]
    [InlineData("maxResponseBodyBytes: 0", "test.yaml(1,23): 'maxResponseBodyBytes' must be at least 1 byte, e.g. 64MiB")]
    public void MaxResponseBodyBytes_NotAPositiveSize_IsAnErrorWithItsPlace(string option, string expected) =>
        Assert.Equal(expected, _files.Error(option + "\nrequests: [{ url: /fast }]\n"));
}
