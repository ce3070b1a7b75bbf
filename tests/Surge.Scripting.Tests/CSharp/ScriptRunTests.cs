using System.Text.RegularExpressions;
using Surge.Lab.Demo;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Run;
using Surge.Scripting.CSharp;

namespace Surge.Scripting.Tests.CSharp;

/// <summary>C# scripts run for real against the demo target: the VU API as a script author uses it.</summary>
public sealed class ScriptRunTests : IDisposable
{
    private readonly ScriptFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Run_ChecksGroupsCookiesAndCustomMetrics_AreRecordedWithTheirTags()
    {
        var summary = await RunAsync("""
            public sealed class Api : LoadTest
            {
                private readonly Counter _logins = new("logins");
                private readonly Trend _itemPrice = new("item_price");
                private readonly Rate _cheap = new("cheap_items");
                private readonly Gauge _cartSize = new("cart_size");
                private int _setupItems;

                public override Task SetupAsync(Vu vu)
                {
                    _setupItems = 20;
                    return Task.CompletedTask;
                }

                public async Task Default(Vu vu)
                {
                    await vu.GroupAsync("shop", async () =>
                    {
                        var login = await vu.Http.PostAsync("/login", HttpBody.Json(new { username = "ann", password = "pw" }), new() { Name = "login" });
                        vu.Check(login, "logged in", r => r.Status == 200);
                        _logins.Add(1);
                        var cart = await vu.Http.PostAsync("/cart", HttpBody.Json(new { itemId = 1 + (int)(vu.Iteration % _setupItems) }));
                        vu.Check(cart, "cookie authorises", r => r.Status == 201);
                        _cartSize.Add(cart.Json().GetProperty("cartSize").GetInt32());
                    });
                    var item = await vu.Http.GetAsync($"/items/{vu.Id}", new() { Name = "/items/{id}", Query = { ["x"] = "1 2" } });
                    var price = item.Json().GetProperty("price").GetInt32();
                    _itemPrice.Add(price);
                    _cheap.Add(price < 10000);
                    vu.Check(item, "always fails", _ => false);
                    vu.Check(item, "throws", r => r.Json().GetProperty("nope").GetInt32() > 0);
                    await vu.SleepAsync(0.05);
                }
            }
            """);

        var checks = summary.Metric("checks");
        var loggedIn = summary.Metric("checks", TagSet.Of("check", "logged in", "group", "::shop"));
        Assert.True(loggedIn.Count > 0);
        Assert.Equal(loggedIn.Count, loggedIn.Trues);
        var cookie = summary.Metric("checks", TagSet.Of("check", "cookie authorises"));
        Assert.Equal(cookie.Count, cookie.Trues);
        Assert.Equal(0, summary.Metric("checks", TagSet.Of("check", "always fails")).Trues);
        Assert.Equal(0, summary.Metric("checks", TagSet.Of("check", "throws")).Trues);
        Assert.Equal(4 * loggedIn.Count, checks.Count);
        Assert.Equal(loggedIn.Count, summary.Metric("group_duration", TagSet.Of("group", "::shop")).Count);
        Assert.Equal(loggedIn.Count, summary.Metric("http_reqs", TagSet.Of("name", "login", "group", "::shop")).Sum);
        Assert.True(summary.Metric("http_reqs", TagSet.Of("name", "/items/{id}")).Sum > 0);
        Assert.Equal(loggedIn.Count, summary.Metric("logins").Sum);
        Assert.InRange(TrendStats.Value(summary.Metric("item_price"), "max"), 9500, 10000); // VUs 1 and 2: 9,500 and 10,000
        Assert.True(summary.Metric("cart_size").Max >= 1);
        Assert.True(summary.Metric("cheap_items").Trues > 0);
        Assert.Equal(ExitCodes.Success, summary.ExitCode);
    }

    [Fact]
    public async Task Run_IterationThrows_IsCountedWithTheScriptLineAndTheTestGoesOn()
    {
        var summary = await RunAsync("""
            public sealed class Throws : LoadTest
            {
                public override TestOptions Options => new() { Vus = 1, Duration = TimeSpan.FromSeconds(2) };

                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("/fast");
                    if (vu.Iteration % 2 == 1)
                    {
                        throw new InvalidOperationException("odd iteration");
                    }

                    await vu.SleepAsync(0.01);
                }
            }
            """, fileOptions: true);

        var scenario = Assert.Single(summary.Scenarios);
        var error = Assert.Single(scenario.Errors);
        Assert.Equal("InvalidOperationException: odd iteration", error.Message);
        Assert.Equal("script.cs:10", error.Location);
        Assert.Equal(scenario.FailedIterations, error.Count);
        Assert.True(scenario.CompletedIterations >= 2, $"{scenario.CompletedIterations} completed"); // iteration 2 ran after 1 threw
        Assert.Equal(ExitCodes.Success, summary.ExitCode);
    }

    [Fact]
    public async Task Run_Abort_StopsTheTestWith108()
    {
        var summary = await RunAsync("""
            public sealed class Aborts : LoadTest
            {
                public override TestOptions Options => new() { Vus = 2, Duration = TimeSpan.FromSeconds(30) };

                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("/fast");
                    if (vu.Iteration == 3)
                    {
                        vu.Abort("enough");
                    }
                }
            }
            """, fileOptions: true);

        Assert.Equal(StopReason.ScriptAborted, summary.StopReason);
        Assert.Equal("enough", summary.StopMessage);
        Assert.True(summary.Duration < TimeSpan.FromSeconds(20));
        Assert.Equal(ExitCodes.ScriptAborted, summary.ExitCode);
    }

    [Fact]
    public async Task Run_Fail_MarksTheTestFailedWith110AndRunsOn()
    {
        var summary = await RunAsync("""
            public sealed class Fails : LoadTest
            {
                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("/fast");
                    vu.Fail("stock ran out");
                    await vu.SleepAsync(0.05);
                }
            }
            """);

        Assert.Equal(StopReason.Completed, summary.StopReason);
        Assert.Equal(["stock ran out"], summary.FailReasons);
        Assert.True(summary.Scenarios[0].CompletedIterations > 2);
        Assert.Equal(ExitCodes.MarkedAsFailed, summary.ExitCode);
    }

    [Fact]
    public async Task Run_SetupThrows_NoScenarioRunsAndTheExitIs107()
    {
        var summary = await RunAsync("""
            public sealed class BadSetup : LoadTest
            {
                public override Task SetupAsync(Vu vu) => throw new InvalidOperationException("no test data");

                public Task Default(Vu vu) => vu.Http.GetAsync("/fast");
            }
            """);

        Assert.Equal(StopReason.ScriptError, summary.StopReason);
        Assert.Contains("setup failed: InvalidOperationException: no test data", summary.StopMessage, StringComparison.Ordinal);
        Assert.Equal(0, summary.Metric("http_reqs").Sum);
        Assert.Equal(ExitCodes.ScriptError, summary.ExitCode);
    }

    [Fact]
    public async Task Run_AbortAfterSetup_StillRunsTeardown()
    {
        var summary = await RunAsync("""
            public sealed class Cleans : LoadTest
            {
                private readonly Counter _cleaned = new("cleaned");

                public override TestOptions Options => new() { Vus = 1, Duration = TimeSpan.FromSeconds(30) };

                public override Task SetupAsync(Vu vu) => vu.Http.GetAsync("/fast");

                public async Task Default(Vu vu)
                {
                    await vu.Http.GetAsync("/fast");
                    vu.Abort("stop here");
                }

                public override async Task TeardownAsync(Vu vu)
                {
                    await vu.Http.GetAsync("/status/202");
                    _cleaned.Add(1);
                }
            }
            """, fileOptions: true);

        Assert.Equal(ExitCodes.ScriptAborted, summary.ExitCode);
        Assert.Equal(1, summary.Metric("cleaned").Sum);
        Assert.Equal(1, summary.Metric("http_reqs", TagSet.Of("group", "::teardown")).Sum);
        Assert.Equal(1, summary.Metric("http_reqs", TagSet.Of("group", "::setup")).Sum);
    }

    [Fact]
    public async Task Run_TwoRequestsAtOnceOnOneVu_IsAnIterationErrorNotACorruptedSession()
    {
        var summary = await RunAsync("""
            public sealed class Parallel : LoadTest
            {
                public async Task Default(Vu vu)
                {
                    await Task.WhenAll(vu.Http.GetAsync("/delay/20"), vu.Http.GetAsync("/fast"));
                }
            }
            """);

        var error = Assert.Single(summary.Scenarios[0].Errors);
        Assert.StartsWith("InvalidOperationException: A VU sends one request at a time", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, summary.Metric("http_req_failed").Trues);
    }

    [Fact]
    public async Task Run_VuIdsAreUniqueAcrossScenarios_AndRelativeUrlsStayUnderTheBasePath()
    {
        var summary = await RunAsync("""
            public sealed class Ids : LoadTest
            {
                public override TestOptions Options => new()
                {
                    Scenarios =
                    {
                        ["a"] = new ConstantVusOptions { Vus = 2, Duration = TimeSpan.FromMilliseconds(300), Exec = nameof(Run) },
                        ["b"] = new ConstantVusOptions { Vus = 2, Duration = TimeSpan.FromMilliseconds(300), Exec = nameof(Run) },
                    },
                };

                public async Task Run(Vu vu)
                {
                    await vu.Http.GetAsync($"/{200 + vu.Id}", new() { Name = $"vu {vu.Id} of {vu.Scenario} #{vu.IdInScenario}" });
                    await vu.SleepAsync(0.05);
                }
            }
            """, fileOptions: true, baseUrl: "status");

        // Ids are unique across the test and numbered within each scenario; which scenario's VUs take the lower ids
        // depends on which starts its VUs first (as in k6, whose VUs are initialised concurrently).
        var names = summary.Endpoints().Select(e => Regex.Match(e.Name, "^vu ([1-4]) of ([ab]) #([12])$")).ToList();
        Assert.All(names, name => Assert.True(name.Success, name.Value));
        Assert.Equal(["1", "2", "3", "4"], names.Select(n => n.Groups[1].Value).Order());
        Assert.Equal(["a #1", "a #2", "b #1", "b #2"], names.Select(n => $"{n.Groups[2].Value} #{n.Groups[3].Value}").Order());
        Assert.Equal([201, 202, 203, 204], summary.StatusCounts().Select(p => p.Key));
    }

    [Fact]
    public async Task SharedData_PicksRowsPerVuInOrderAndAtRandom_AndResponsesCarryTheirTimings()
    {
        _files.Write("items.json", """[{"id": 1}, {"id": 2}, {"id": 3}]""");
        var summary = await RunAsync("""
            public sealed class Data : LoadTest
            {
                private static readonly SharedArray<Row> Items = SharedArray.Json<Row>("items.json");

                public override TestOptions Options => new()
                {
                    Scenarios = { ["once"] = new PerVuIterationsOptions { Vus = 1, Iterations = 6 } },
                };

                public async Task Default(Vu vu)
                {
                    // One VU, so the shared order is this VU's: 1, 2, 3, 1, 2, 3.
                    var next = Items.Next();
                    vu.Check(next, "next in order", r => r.Id == 1 + (vu.Iteration % 3));
                    vu.Check(Items.ForVu(vu), "VU 1 has the first row", r => r.Id == 1);
                    vu.Check(Items.Random(), "random is a row", r => r.Id is >= 1 and <= 3);
                    vu.Check(Items, "all rows", all => all.Count == 3 && all[2].Id == 3);

                    var slow = await vu.Http.GetAsync("/delay/20");
                    // The server's 20 ms, less what an early timer or a busy core moves between the phases.
                    vu.Check(slow, "timings add up", r => r.Timings.Duration >= 15 && r.Timings.WaitingMicros > 0
                        && r.Timings.DurationMicros == r.Timings.SendingMicros + r.Timings.WaitingMicros + r.Timings.ReceivingMicros);
                }

                public sealed class Row
                {
                    public int Id { get; set; }
                }
            }
            """, fileOptions: true);

        foreach (var check in new[] { "next in order", "VU 1 has the first row", "random is a row", "all rows", "timings add up" })
        {
            var values = summary.Metric("checks", TagSet.Of("check", check));
            Assert.True(values.Count == 6 && values.Trues == 6, $"{check}: {values.Trues} of {values.Count}");
        }
    }

    /// <summary>Runs a script with 2 VUs for 1 s, or with the file's own options.</summary>
    private async Task<TestSummary> RunAsync(string source, bool fileOptions = false, string? baseUrl = null)
    {
        var path = _files.Write("script.cs", source);
        var script = CSharpScriptLoader.Load(path, new Dictionary<string, string>());
        await using var demo = await DemoServer.StartAsync();
        var overrides = fileOptions ? new RunOverrides() : new RunOverrides { Executor = new() { Vus = 2, Duration = TimeSpan.FromSeconds(1) } };

        var plan = PlanBuilder.Build(script, overrides with { BaseUrl = baseUrl is null ? null : new Uri(demo.Url, baseUrl + "/").ToString() }, demo.Url);
        return (await RunService.RunAsync(plan, [])).Summary;
    }
}
