using Surge.Execution.Executors;

namespace Surge.Scripting.Tests.Yaml;

/// <summary>Every k6 executor read from YAML, with its keys, defaults and errors.</summary>
public sealed class YamlExecutorTests : IDisposable
{
    private readonly YamlFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Scenarios_ReadEveryExecutorWithItsKeys()
    {
        var script = _files.Load("""
            scenarios:
              shared: { executor: shared-iterations, vus: 3, iterations: 30, maxDuration: 1m }
              pervu: { executor: per-vu-iterations, vus: 2, iterations: 5 }
              ramp:
                executor: ramping-vus
                startVUs: 0
                gracefulRampDown: 5s
                stages:
                  - { duration: 10s, target: 20 }
                  - { duration: 5s, target: 0 }
              rate: { executor: constant-arrival-rate, rate: 200, timeUnit: 1m, duration: 2m, preAllocatedVUs: 10, maxVUs: 50, startTime: 15s }
              rates:
                executor: ramping-arrival-rate
                startRate: 5
                preAllocatedVUs: 4
                stages: [{ duration: 30s, target: 50 }]
            requests: [{ url: /fast }]
            """);

        var scenarios = script.Options.Scenarios;
        Assert.Equal(new SharedIterationsOptions { Vus = 3, Iterations = 30, MaxDuration = TimeSpan.FromMinutes(1) }.Describe(), scenarios["shared"].Describe());
        Assert.Equal(10, Assert.IsType<PerVuIterationsOptions>(scenarios["pervu"]).PlannedIterations);
        var ramp = Assert.IsType<RampingVusOptions>(scenarios["ramp"]);
        Assert.Equal((0, TimeSpan.FromSeconds(5), 2, 20), (ramp.StartVus, ramp.GracefulRampDown, ramp.Stages.Count, ramp.MaxVus));
        var rate = Assert.IsType<ConstantArrivalRateOptions>(scenarios["rate"]);
        Assert.Equal((200.0, TimeSpan.FromMinutes(1), 10, 50, TimeSpan.FromSeconds(15)), (rate.Rate, rate.TimeUnit, rate.PreAllocatedVus, rate.MaxVus, rate.StartTime));
        var rates = Assert.IsType<RampingArrivalRateOptions>(scenarios["rates"]);
        Assert.Equal((5.0, 4, 4), (rates.StartRate, rates.PreAllocatedVus, rates.MaxVus));
        Assert.Empty(script.Warnings);
    }

    [Fact]
    public void TopLevelIterationsAndStages_AreK6Shortcuts()
    {
        var iterations = PlanBuilder.Build(_files.Load("vus: 4\niterations: 40\nrequests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1/"));
        var stages = PlanBuilder.Build(_files.Load("stages: [{ duration: 5s, target: 10 }]\nrequests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1/"));

        Assert.Equal(40, Assert.IsType<SharedIterationsOptions>(Assert.Single(iterations.Scenarios).Executor).Iterations);
        Assert.Equal(10, Assert.IsType<RampingVusOptions>(Assert.Single(stages.Scenarios).Executor).MaxVus);
    }

    [Fact]
    public void CliRate_ReplacesTheFileScenarios_AndNotesTheSizedPool()
    {
        var script = _files.Load("scenarios:\n  a: { executor: constant-vus, duration: 1s }\nrequests: [{ url: /fast }]\n");

        var plan = PlanBuilder.Build(script, new RunOverrides { Executor = new() { Rate = 100, Duration = TimeSpan.FromSeconds(30) } }, new Uri("http://127.0.0.1/"));

        var executor = Assert.IsType<ConstantArrivalRateOptions>(Assert.Single(plan.Scenarios).Executor);
        Assert.Equal((10, 200), (executor.PreAllocatedVus, executor.MaxVus));
        Assert.Contains("10 pre-allocated VUs", Assert.Single(plan.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void CliVusAlone_OnAFileWithScenarios_IsIgnoredAsInK6_AndSaidSo()
    {
        var script = _files.Load("scenarios:\n  a: { executor: constant-vus, duration: 1s }\n  b: { executor: constant-vus, duration: 2s }\nrequests: [{ url: /fast }]\n");

        var plan = PlanBuilder.Build(script, new RunOverrides { Executor = new() { Vus = 5 } }, new Uri("http://127.0.0.1/"));

        Assert.Equal(["a", "b"], plan.Scenarios.Select(s => s.Name));
        Assert.Equal(
            "--vus 5 is ignored: it works with --duration, --iterations or --stage, as in k6; the file's scenarios run as written",
            Assert.Single(plan.Notes));
    }

    [Theory]
    [InlineData("vus: 3\n", "vus 3 is ignored: it works with a duration, iterations or stages, as in k6; running 1 iteration on 1 VU")]
    [InlineData("", "no duration, iterations, stages or scenarios: running 1 iteration on 1 VU, as k6 does; give --duration (or iterations, stages, scenarios) for a load test")]
    public void NoDurationIterationsStagesOrScenarios_RunsOneIterationOnOneVu_AsK6(string options, string note)
    {
        var plan = PlanBuilder.Build(_files.Load(options + "requests: [{ url: /fast }]\n"), new RunOverrides(), new Uri("http://127.0.0.1/"));

        var executor = Assert.IsType<PerVuIterationsOptions>(Assert.Single(plan.Scenarios).Executor);
        Assert.Equal((1, 1L), (executor.Vus, executor.Iterations));
        Assert.Equal(note, Assert.Single(plan.Notes));
    }

    [Fact]
    public void RateFlag_OnAFileWithTopLevelVus_SizesItsOwnPool()
    {
        var plan = PlanBuilder.Build(
            _files.Load("vus: 10\nrequests: [{ url: /fast }]\n"), new RunOverrides { Executor = new() { Rate = 100, Duration = TimeSpan.FromSeconds(10) } }, new Uri("http://127.0.0.1/"));

        Assert.IsType<ConstantArrivalRateOptions>(Assert.Single(plan.Scenarios).Executor);
    }

    [Fact]
    public void ExecutorFlags_OnAFileWhoseScenariosEachNameTheirRequests_SayTheyReplacedThem()
    {
        var script = _files.Load("scenarios:\n  a: { executor: constant-vus, duration: 1s, requests: [{ url: /fast }] }\n  b: { executor: constant-vus, duration: 1s, requests: [{ url: /slow }] }\n");

        var error = Assert.Throws<Surge.Scripting.ScriptException>(() => PlanBuilder.Build(script, new RunOverrides { Executor = new() { Vus = 2, Duration = TimeSpan.FromSeconds(2) } }, new Uri("http://127.0.0.1/")));

        Assert.Equal(
            "the executor flags replace the file's scenarios with one default scenario: test.yaml has no top-level 'requests' for it to run; add them; "
            + "to run the file's own scenarios, leave out --vus, --duration, --iterations, --stage and --rate",
            error.Message);
    }

    [Fact]
    public void CliVusAlone_OnAFileWithADuration_KeepsTheFilesDuration()
    {
        var plan = PlanBuilder.Build(_files.Load("duration: 7s\nrequests: [{ url: /fast }]\n"), new RunOverrides { Executor = new() { Vus = 5 } }, new Uri("http://127.0.0.1/"));

        var executor = Assert.IsType<ConstantVusOptions>(Assert.Single(plan.Scenarios).Executor);
        Assert.Equal((5, TimeSpan.FromSeconds(7)), (executor.Vus, executor.Duration));
        Assert.Empty(plan.Notes);
    }

    [Theory]
    [InlineData("a: { executor: constant-arrival-rate, rate: 10, duration: 1s }", "test.yaml(2,6): a constant-arrival-rate scenario needs 'preAllocatedVUs'")]
    [InlineData("a: { executor: ramping-vus }", "test.yaml(2,6): a ramping-vus scenario needs 'stages'")]
    [InlineData("a: { executor: ramping-vus, stages: [{ duration: 1s }] }", "a stage needs a 'target'")]
    [InlineData("a: { executor: constant-arrival-rate, rate: fast, duration: 1s, preAllocatedVUs: 1 }", "'rate' must be a number, not 'fast'")]
    [InlineData("a: { executor: constant-arival-rate }", "did you mean 'constant-arrival-rate'?")]
    public void ExecutorErrors_NameTheLine(string scenario, string expected)
    {
        var error = _files.Error($"scenarios:\n  {scenario}\nrequests: [{{ url: /fast }}]\n");

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecutorKeyOfAnotherExecutor_IsAWarning()
    {
        var script = _files.Load("scenarios:\n  a: { executor: constant-vus, duration: 1s, rate: 5 }\nrequests: [{ url: /fast }]\n");

        Assert.Contains("unknown key 'rate'", Assert.Single(script.Warnings), StringComparison.Ordinal);
    }
}
