using Surge.Configuration;
using Surge.Execution.Executors;
using Surge.Scripting.CSharp;

namespace Surge.Scripting.Tests.CSharp;

public sealed class CSharpScriptLoaderTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnv = [];
    private readonly ScriptFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_SyntaxError_ListsErrorsAsTheCompilerPrintsThem()
    {
        var path = _files.Write("broken.cs", "public sealed class T : LoadTest\n{\n    public async Task Default(Vu vu)\n    {\n        var x = 1\n    }\n}\n");

        var error = Assert.Throws<ScriptException>(() => CSharpScriptLoader.Load(path, NoEnv));

        Assert.Equal($"{path}(5,18): error CS1002: ; expected", Assert.Single(error.Details));
        Assert.Equal($"{path} does not compile (1 error); nothing was sent", error.Message);
    }

    [Fact]
    public void Load_SetupWithoutOverride_IsACompileErrorNotASilentlySkippedSetup()
    {
        var path = _files.Write("hides.cs", """
            public sealed class T : LoadTest
            {
                public Task SetupAsync(Vu vu) => Task.CompletedTask;

                public Task Default(Vu vu) => Task.CompletedTask;
            }
            """);

        var error = Assert.Throws<ScriptException>(() => CSharpScriptLoader.Load(path, NoEnv));

        Assert.Contains("error CS0114", Assert.Single(error.Details), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PublicSetupMethodThatIsNotTheOverride_IsAScriptErrorThatNamesItsPlace()
    {
        var path = _files.Write("setup.cs", """
            public sealed class T : LoadTest
            {
                public async Task Setup(Vu vu) => await Task.Yield();

                public Task Default(Vu vu) => Task.CompletedTask;
            }
            """);

        var error = Assert.Throws<ScriptException>(() => CSharpScriptLoader.Load(path, NoEnv));

        Assert.Equal($"{path}: Setup would never run; override SetupAsync or TeardownAsync instead; nothing was sent", error.Message);
        Assert.StartsWith(
            $"{path}(3,23): error: Setup is never run: Surge runs setup only from `public override async Task SetupAsync(Vu vu)`",
            Assert.Single(error.Details),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TeardownAsyncOfAnotherSignature_IsAScriptError()
    {
        var path = _files.Write("teardown.cs", """
            public sealed class T : LoadTest
            {
                public Task Default(Vu vu) => Task.CompletedTask;

                public Task TeardownAsync(Vu vu, CancellationToken cancellation) => Task.CompletedTask;
            }
            """);

        var error = Assert.Throws<ScriptException>(() => CSharpScriptLoader.Load(path, NoEnv));

        Assert.Contains($"{path}(5,17): error: TeardownAsync is never run", Assert.Single(error.Details), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SetupMethodThatAScenarioRunsAsItsExec_Loads()
    {
        var path = _files.Write("exec-setup.cs", """
            public sealed class T : LoadTest
            {
                public override TestOptions Options => new()
                {
                    Scenarios = { ["prepare"] = new PerVuIterationsOptions { Vus = 1, Iterations = 1, Exec = "Setup" } },
                };

                public override Task SetupAsync(Vu vu) => Task.CompletedTask;

                public Task Setup(Vu vu) => Task.CompletedTask;
            }
            """);

        var script = CSharpScriptLoader.Load(path, NoEnv);

        Assert.NotNull(script.ResolveExec("Setup"));
        Assert.NotNull(script.Setup);
    }

    [Fact]
    public void Load_NoLoadTestClass_SaysHowToDeclareOne()
    {
        var path = _files.Write("empty.cs", "public static class Nothing { }\n");

        var error = Assert.Throws<ScriptException>(() => CSharpScriptLoader.Load(path, NoEnv));

        Assert.Contains("no class derives from LoadTest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveExec_MissingFunction_SuggestsTheClosestName()
    {
        var path = _files.Write("named.cs", """
            public sealed class Shop : LoadTest
            {
                public override TestOptions Options => new()
                {
                    Scenarios = { ["browse"] = new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(1), Exec = "Brows" } },
                };

                public Task Browse(Vu vu) => Task.CompletedTask;
            }
            """);
        var script = CSharpScriptLoader.Load(path, NoEnv);

        var error = Assert.Throws<ScriptException>(() => script.ResolveExec("Brows"));
        var noDefault = Assert.Throws<ScriptException>(() => script.ResolveExec(null));

        Assert.Contains("'Brows', which class Shop does not have (did you mean 'Browse'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no Default method", noDefault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsOptionsEnvMetricsAndHooks()
    {
        var path = _files.Write("full.cs", """
            public sealed class Full : LoadTest
            {
                private static readonly Counter Orders = new("orders");
                private readonly Trend _wait = new("wait_time", isTime: true);

                public override TestOptions Options => new()
                {
                    Vus = int.Parse(EnvOr("VUS", "3")),
                    Duration = TimeSpan.FromSeconds(7),
                    Thresholds = { ["wait_time"] = ["p(95)<100"] },
                    Goals = { "tps>=1" },
                    BaseUrl = "http://127.0.0.1:1/",
                    DiscardResponseBodies = true,
                    MaxResponseBodyBytes = 1024 * 1024,
                };

                public override Task SetupAsync(Vu vu) => Task.CompletedTask;

                public async ValueTask DefaultAsync(Vu vu, CancellationToken ct) => await Task.Yield();
            }
            """);

        var script = CSharpScriptLoader.Load(path, new Dictionary<string, string> { ["VUS"] = "9" });
        var plan = PlanBuilder.Build(script, new RunOverrides(), demoUrl: null);

        var executor = Assert.IsType<ConstantVusOptions>(Assert.Single(plan.Scenarios).Executor);
        Assert.Equal(9, executor.Vus);
        Assert.Equal(TimeSpan.FromSeconds(7), executor.Duration);
        Assert.Equal(["orders", "wait_time"], script.CustomMetrics.Select(m => m.Name).Order());
        Assert.NotNull(script.Setup);
        Assert.Null(script.Teardown);
        Assert.Equal(2, plan.Thresholds.Count);
        Assert.Equal(new Uri("http://127.0.0.1:1/"), plan.Http.BaseUrl);
        Assert.True(plan.Http.DiscardResponseBodies);
        Assert.Equal(1024 * 1024, plan.Http.MaxResponseBodyBytes);
    }

    [Fact]
    public void Load_SameSourceTwice_SecondComesFromTheCache()
    {
        var source = $"public sealed class Cached : LoadTest {{ public Task Default(Vu vu) => Task.CompletedTask; }} // {Guid.NewGuid()}\n";
        var first = CSharpScriptLoader.Load(_files.Write("a.cs", source), NoEnv);
        var second = CSharpScriptLoader.Load(_files.Write("b.cs", source), NoEnv);

        Assert.StartsWith("script compiled", first.LoadNote, StringComparison.Ordinal);
        Assert.StartsWith("compiled script taken from the cache", second.LoadNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BlockingCallsAndUnawaitedTasks_AreWarnedAboutWhereTheyAre_AlsoFromTheCache()
    {
        var source = $$"""
            public sealed class Blocking : LoadTest
            {
                public async Task Default(Vu vu)
                {
                    Thread.Sleep(10);
                    var text = Task.FromResult("x").Result;
                    Task.Delay(1).Wait();
                    Task.Delay(1).GetAwaiter().GetResult();
                    vu.Http.GetAsync("/");
                    await vu.SleepAsync(0.01); // {{Guid.NewGuid()}}
                }
            }
            """;
        var first = CSharpScriptLoader.Load(_files.Write("blocking.cs", source), NoEnv);
        var second = CSharpScriptLoader.Load(_files.Write("again/blocking.cs", source), NoEnv);

        var path = Path.Combine(_files.Folder, "blocking.cs");
        Assert.Equal(
            [
                $"{path}(5,9): Thread.Sleep blocks a thread that many VUs share; pause with `await vu.SleepAsync(seconds)`",
                $"{path}(6,20): .Result blocks a thread that many VUs share until the task ends; `await` it instead",
                $"{path}(7,9): Task.Wait blocks a thread that many VUs share; `await` the task (Task.WhenAll, Task.WhenAny) instead",
                $"{path}(8,9): GetAwaiter().GetResult() blocks a thread that many VUs share until the task ends; `await` it instead",
                $"{path}(9,9): this call is not awaited, so its work outlives the line and may clash with the VU's next request; add `await` (CS4014)",
            ],
            first.Warnings);
        Assert.StartsWith("compiled script taken from the cache", second.LoadNote, StringComparison.Ordinal);
        Assert.Equal(first.Warnings.Select(w => w.Replace(path, Path.Combine(_files.Folder, "again", "blocking.cs"), StringComparison.Ordinal)), second.Warnings);
    }

    [Fact]
    public void Load_AwaitedCode_HasNoWarnings()
    {
        var path = _files.Write("clean.cs", """
            public sealed class Clean : LoadTest
            {
                public async Task Default(Vu vu)
                {
                    var response = await vu.Http.GetAsync("/");
                    await Task.WhenAll(Task.Delay(1), Task.Delay(2));
                    var done = Task.FromResult(1);
                    var value = await done;
                    await vu.SleepAsync(0.01);
                }
            }
            """);

        Assert.Empty(CSharpScriptLoader.Load(path, NoEnv).Warnings);
    }

    [Fact]
    public void Load_MissingSharedDataFile_IsAScriptErrorNamingThePath()
    {
        var path = _files.Write("data.cs", """
            public sealed class Data : LoadTest
            {
                private static readonly SharedArray<IReadOnlyDictionary<string, string>> Users = SharedArray.Csv("users.csv");

                public Task Default(Vu vu) => Task.CompletedTask;
            }
            """);

        var error = Assert.Throws<ScriptException>(() => CSharpScriptLoader.Load(path, NoEnv));

        Assert.Contains($"Shared data file 'users.csv' was not found (looked for {Path.Combine(_files.Folder, "users.csv")})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RaggedCsv_IsAConfigErrorNamingTheCsvLine_NotTheScript()
    {
        _files.Write("users.csv", "username,password\nalice,a1\nbob\n");
        var path = _files.Write("data.cs", """
            public sealed class Data : LoadTest
            {
                private static readonly SharedArray<IReadOnlyDictionary<string, string>> Users = SharedArray.Csv("users.csv");

                public Task Default(Vu vu) => Task.CompletedTask;
            }
            """);

        var error = Assert.Throws<ConfigException>(() => CSharpScriptLoader.Load(path, NoEnv));

        Assert.Equal("data file 'users.csv' line 3 has 1 field, but the header has 2 (username, password); give every line one value per column", error.Message);
    }

    [Fact]
    public void Build_WrongOptionValue_IsAConfigError()
    {
        var path = _files.Write("zero.cs", """
            public sealed class Zero : LoadTest
            {
                public override TestOptions Options => new() { Vus = 0, Duration = TimeSpan.FromSeconds(1), Thresholds = { ["no_such_metric"] = ["avg<1"] } };

                public Task Default(Vu vu) => Task.CompletedTask;
            }
            """);
        var script = CSharpScriptLoader.Load(path, NoEnv);

        var error = Assert.Throws<ConfigException>(() => PlanBuilder.Build(script, new RunOverrides(), new Uri("http://127.0.0.1/")));

        Assert.Contains("vus must be a positive number, not 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_metric", error.Message, StringComparison.Ordinal);
    }
}
