using Surge.Execution.Executors;

namespace Surge.Scripting.Tests.Yaml;

public sealed class YamlOptionsTests : IDisposable
{
    private readonly YamlFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TopLevelOptions_MapToTestOptions()
    {
        var script = _files.Load("""
            baseUrl: http://127.0.0.1:8080
            headers: { Accept: application/json, X-Team: shop }
            vus: 10
            duration: 1m30s
            gracefulStop: 5s
            timeout: 10s
            insecure: true
            discardResponseBodies: true
            maxResponseBodyBytes: 10MiB
            tags: { team: shop }
            thresholds:
              http_req_duration: ["p(95)<500", "avg<200"]
              checks: "rate>0.99"
              http_req_failed{name:login}:
                - threshold: rate<0.01
                  abortOnFail: true
                  delayAbortEval: 10s
            goals: ["tps>=100", "avg<800ms"]
            requests:
              - url: /fast
            """);

        var options = script.Options;
        Assert.Equal("http://127.0.0.1:8080", options.BaseUrl);
        Assert.Equal("application/json", options.Headers["accept"]);
        Assert.Equal("shop", options.Headers["X-Team"]);
        Assert.Equal(10, options.Vus);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.GracefulStop);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.True(options.InsecureSkipTlsVerify);
        Assert.True(options.DiscardResponseBodies);
        Assert.Equal(10 * 1024 * 1024, options.MaxResponseBodyBytes);
        Assert.Equal("shop", options.Tags["team"]);
        Assert.Equal(["p(95)<500", "avg<200"], options.Thresholds["http_req_duration"]);
        Assert.Equal(["rate>0.99"], options.Thresholds["checks"]);
        Assert.Equal(["rate<0.01;abortOnFail;delayAbortEval=10s"], options.Thresholds["http_req_failed{name:login}"]);
        Assert.Equal(["tps>=100", "avg<800ms"], options.Goals);
        Assert.Empty(options.Scenarios);
        Assert.Empty(script.Warnings);
        Assert.Single(YamlFiles.Steps(script));
    }

    [Fact]
    public void Defaults_WhenLeftOut()
    {
        var options = _files.Load("requests: [{ url: /fast }]").Options;

        Assert.Null(options.BaseUrl);
        Assert.Null(options.Vus);
        Assert.Null(options.Duration);
        Assert.Null(options.Timeout);
        Assert.False(options.InsecureSkipTlsVerify);
        Assert.False(options.DiscardResponseBodies);
        Assert.Null(options.MaxResponseBodyBytes);
        Assert.Empty(options.Thresholds);
        Assert.Empty(options.Headers);
    }

    [Fact]
    public void Scenarios_ExecutorTagsEnvAndOwnFlow()
    {
        var script = _files.Load("""
            requests:
              - url: /fast
            scenarios:
              browse:
                executor: constant-vus
                vus: 3
                duration: 20s
                startTime: 5s
                gracefulStop: 2s
                tags: { kind: browse }
                env: { ITEM: "17" }
                requests:
                  - url: /items
                  - url: /items/1
              default-flow:
                executor: constant-vus
                duration: 10s
            """);

        var browse = Assert.IsType<ConstantVusOptions>(script.Options.Scenarios["browse"]);
        Assert.Equal(3, browse.Vus);
        Assert.Equal(TimeSpan.FromSeconds(20), browse.Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), browse.StartTime);
        Assert.Equal(TimeSpan.FromSeconds(2), browse.GracefulStop);
        Assert.Equal("browse", browse.Exec);
        Assert.Equal("browse", browse.Tags["kind"]);
        Assert.Equal("17", browse.Env["ITEM"]);
        var other = Assert.IsType<ConstantVusOptions>(script.Options.Scenarios["default-flow"]);
        Assert.Equal(1, other.Vus);
        Assert.Equal(TimeSpan.FromSeconds(30), other.GracefulStop);
        Assert.Null(other.Exec);
        Assert.Equal(["/items", "/items/1"], YamlFiles.Steps(script, "browse").Select(s => s.Name));
        Assert.Equal(["/fast"], YamlFiles.Steps(script).Select(s => s.Name));
        Assert.Empty(script.Warnings);
    }

    [Fact]
    public void ResolveExec_NoTopLevelRequestsAndOneScenario_DefaultIsThatScenario()
    {
        var script = _files.Load("""
            scenarios:
              only:
                executor: constant-vus
                duration: 1s
                requests: [{ url: /only }]
            """);

        Assert.Equal("/only", Assert.Single(YamlFiles.Steps(script)).Name);
    }

    [Fact]
    public void ResolveExec_NoTopLevelRequestsAndTwoScenarios_ThrowsScriptException()
    {
        var script = _files.Load("""
            scenarios:
              a: { executor: constant-vus, duration: 1s, requests: [{ url: /a }] }
              b: { executor: constant-vus, duration: 1s, requests: [{ url: /b }] }
            """);

        var error = Assert.Throws<ScriptException>(() => script.ResolveExec(null));
        Assert.Contains("test.yaml has no top-level 'requests'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ScriptException>(() => script.ResolveExec("c"));
    }

    [Fact]
    public void PlanBuilder_CommandLineVusAndDuration_ReplaceScenariosWithTopLevelFlow()
    {
        var script = _files.Load("""
            requests: [{ url: /fast }]
            scenarios:
              a: { executor: constant-vus, duration: 1s, requests: [{ url: /a }] }
            """);

        var plan = PlanBuilder.Build(script, new RunOverrides { Executor = new() { Vus = 2, Duration = TimeSpan.FromSeconds(3) } }, new Uri("http://127.0.0.1:1/"));

        var scenario = Assert.Single(plan.Scenarios);
        Assert.Equal("default", scenario.Name);
        Assert.Equal("/fast", Assert.Single(Assert.IsType<Surge.Scripting.Yaml.YamlFlow>(scenario.Exec.Target).Steps).Name);
    }

    [Fact]
    public void PlanBuilder_FileScenarios_RunTheirOwnFlows()
    {
        var script = _files.Load("""
            scenarios:
              a: { executor: constant-vus, vus: 2, duration: 1s, tags: { s: a }, requests: [{ url: /a }] }
            """);

        var plan = PlanBuilder.Build(script, new RunOverrides(), new Uri("http://127.0.0.1:1/"));

        var scenario = Assert.Single(plan.Scenarios);
        Assert.Equal("a", scenario.Name);
        Assert.Equal(2, scenario.Executor.MaxVus);
        Assert.Equal("a", scenario.Executor.Tags["s"]); // the engine lays them over the test-wide tags
        Assert.Equal("/a", Assert.Single(Assert.IsType<Surge.Scripting.Yaml.YamlFlow>(scenario.Exec.Target).Steps).Name);
    }

    [Fact]
    public void PlanBuilder_BodyOptions_ReachTheHttpOptions()
    {
        var kept = PlanBuilder.Build(_files.Load("maxResponseBodyBytes: 512KiB\nrequests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1:1/"));
        var discarded = PlanBuilder.Build(_files.Load("discardResponseBodies: true\nrequests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1:1/"));

        Assert.Equal(512 * 1024, kept.Http.MaxResponseBodyBytes);
        Assert.False(kept.Http.DiscardResponseBodies);
        Assert.True(discarded.Http.DiscardResponseBodies);
        Assert.Equal(Surge.Plan.PlanDefaults.MaxResponseBodyBytes, discarded.Http.MaxResponseBodyBytes);
    }

    [Fact]
    public void PlanBuilder_UserAgent_FromTheFile_TheFlagOverIt_AndTheDefaultWithoutEither()
    {
        var fromFile = PlanBuilder.Build(_files.Load("userAgent: shop-probe/2\nrequests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1:1/"));
        var none = PlanBuilder.Build(_files.Load("userAgent: \"\"\nrequests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1:1/"));
        var flag = PlanBuilder.Build(_files.Load("userAgent: shop-probe/2\nrequests: [{ url: /fast }]\n"), new RunOverrides { UserAgent = "" }, new Uri("http://127.0.0.1:1/"));
        var unset = PlanBuilder.Build(_files.Load("requests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1:1/"));

        Assert.Equal("shop-probe/2", fromFile.Http.UserAgent);
        Assert.Equal("", none.Http.UserAgent);
        Assert.Equal("", flag.Http.UserAgent);
        Assert.StartsWith("surge/", unset.Http.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanBuilder_UserAgentWithALineBreak_IsAConfigError()
    {
        var script = _files.Load("userAgent: \"probe\\r\\nX-Injected: 1\"\nrequests: [{ url: /fast }]\n");

        var error = Assert.Throws<Surge.Configuration.ConfigException>(() => PlanBuilder.Build(script, new RunOverrides(), new Uri("http://127.0.0.1:1/")));
        Assert.Contains("the user agent 'probe??X-Injected: 1' has a line break or control character (shown as ?); a User-Agent is one line of text", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void PlanBuilder_BodyLimitPastTwoGiB_IsAConfigError()
    {
        var script = _files.Load("maxResponseBodyBytes: 3GiB\nrequests: [{ url: /fast }]\n");

        var error = Assert.Throws<Surge.Configuration.ConfigException>(() => PlanBuilder.Build(script, new RunOverrides(), new Uri("http://127.0.0.1:1/")));
        Assert.Contains("the response body limit (maxResponseBodyBytes) must be from 1 byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_LoadWithoutWarnings()
    {
        var samples = Path.Combine(RepositoryRoot(), "samples");
        var files = Directory.GetFiles(samples, "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var script = Surge.Scripting.Yaml.YamlScriptLoader.Load(file);
            Assert.Empty(script.Warnings);
            var execs = script.Options.Scenarios.Count == 0 ? [null] : script.Options.Scenarios.Values.Select(s => s.Exec).Distinct().ToArray();
            Assert.All(execs, exec => Assert.NotEmpty(YamlFiles.Steps(script, exec)));
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Surge.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Surge.slnx not found above the test folder");
    }
}
