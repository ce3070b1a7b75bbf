using Surge.Lab.Demo;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Run;
using Surge.Scripting.Yaml;

namespace Surge.Scripting.Tests.Yaml;

/// <summary>YAML files run for real against the demo target, for about a second with two VUs.</summary>
public sealed class YamlRunTests : IDisposable
{
    private readonly YamlFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Run_ShopJourney_DataTemplatesChecksAndExtractsWork()
    {
        _files.Write("users.csv", "username,password\nann,pw1\nbob,pw2\n");
        var summary = await RunAsync("""
            data:
              users: { file: users.csv }
            variables: { quantity: "2" }
            thresholds:
              checks: ["rate>0.5"]
            requests:
              - name: login
                method: POST
                url: /login
                json: { username: "{{users.username}}", password: "{{users.password}}" }
                checks:
                  - status: 200
                  - jsonPath: $.user
                    equals: "{{users.username}}"
                extract:
                  token: { jsonPath: $.token }
                  session: { cookie: session }
              - name: add to cart
                method: POST
                url: /cart
                headers: { Authorization: "Bearer {{token}}" }
                json: { itemId: !!int "{{vu}}", quantity: !!int "{{quantity}}" }
                checks:
                  - status: 201
                  - jsonPath: $.cartSize
                    equals: 2
              - name: cart by cookie value
                url: /cart
                headers: { Authorization: "Bearer {{session}}" }
                checks:
                  - jsonPath: $.items[0].quantity
                    equals: 2
              - name: catalogue
                url: /items
                query: { limit: "3" }
                checks:
                  - header: Content-Type
                    contains: application/json
                  - duration: "<5s"
                extract:
                  second: { jsonPath: "$[1].id" }
              - url: /items/{{second}}
                checks:
                  - jsonPath: $.id
                    equals: 2
              - name: missing
                url: /items/99
                expect: 404
                checks:
                  - name: never
                    status: 200
                think: 10ms-20ms
            """);

        var scenario = Assert.Single(summary.Scenarios);
        Assert.Empty(scenario.Errors);
        Assert.True(scenario.CompletedIterations >= 2, $"{scenario.CompletedIterations} iterations");
        var logins = summary.Metric("http_reqs", TagSet.Of("name", "login")).Sum;
        Assert.Equal(scenario.CompletedIterations, logins);
        foreach (var check in new[] { "status is 200", "$.user equals {{users.username}}", "status is 201", "$.cartSize equals 2", "$.items[0].quantity equals 2", "header Content-Type contains application/json", "duration < 5s", "$.id equals 2" })
        {
            var outcome = summary.Metric("checks", TagSet.Of("check", check));
            Assert.True(outcome.Count >= logins, $"'{check}' ran {outcome.Count} times for {logins} logins");
            Assert.True(outcome.Count == outcome.Trues, $"'{check}' passed {outcome.Trues} of {outcome.Count}");
        }

        var never = summary.Metric("checks", TagSet.Of("check", "never"));
        Assert.True(never.Count >= logins);
        Assert.Equal(0, never.Trues);
        Assert.True(summary.Metric("http_reqs", TagSet.Of("name", "/items/{{second}}")).Sum >= logins);
        Assert.Equal(0, summary.Metric("http_req_failed").Trues);
        Assert.Equal(ExitCodes.Success, summary.ExitCode);
    }

    [Fact]
    public async Task Run_ScenarioEnvAndFailedExtraction_IterationErrorsAreCountedAndTheTestGoesOn()
    {
        var summary = await RunAsync(
            """
            scenarios:
              broken:
                executor: constant-vus
                vus: 2
                duration: 1s
                gracefulStop: 10s
                env: { CODE: "202" }
                requests:
                  - url: "/status/{{env.CODE}}"
                    checks: [{ status: 202 }]
                  - url: /fast
                    checks: [{ bodyContains: Hello }]
                    extract:
                      token: { jsonPath: $.token }
                  - url: "/never/{{token}}"
            """,
            overrides: new RunOverrides());

        var scenario = Assert.Single(summary.Scenarios);
        Assert.Equal("broken", scenario.Name);
        Assert.Equal(0, scenario.CompletedIterations);
        Assert.True(scenario.FailedIterations >= 2, $"{scenario.FailedIterations} failed iterations");
        var error = Assert.Single(scenario.Errors);
        Assert.Equal("test.yaml(14,18): extract 'token' needs a JSON response, and the body of this one (status 200) is not JSON", error.Message);
        Assert.Equal(scenario.FailedIterations, error.Count);
        Assert.Equal(scenario.FailedIterations, summary.Metric("http_reqs", TagSet.Of("name", "/status/{{env.CODE}}", "status", "202")).Sum);
        Assert.Equal(scenario.FailedIterations, summary.Metric("checks", TagSet.Of("check", "status is 202")).Trues);
        var hello = summary.Metric("checks", TagSet.Of("check", "body contains Hello"));
        Assert.Equal(scenario.FailedIterations, hello.Trues);
        Assert.Equal(0, summary.Metric("http_reqs", TagSet.Of("name", "/never/{{token}}")).Count);
    }

    private async Task<TestSummary> RunAsync(string yaml, RunOverrides? overrides = null)
    {
        var script = YamlScriptLoader.Load(_files.Write("test.yaml", yaml));
        Assert.Empty(script.Warnings);
        await using var demo = await DemoServer.StartAsync();
        var plan = PlanBuilder.Build(script, overrides ?? new RunOverrides { Executor = new() { Vus = 2, Duration = TimeSpan.FromSeconds(1) } }, demo.Url);
        return (await RunService.RunAsync(plan, [])).Summary;
    }
}
