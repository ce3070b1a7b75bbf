using Surge.Configuration;
using Surge.Execution;
using Surge.Execution.Executors;

namespace Surge.Tests.Execution.Executors;

/// <summary>Options, defaults, validation and plans of the six executors, without running them.</summary>
public class ExecutorPlanTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Fact]
    public void Defaults_AreK6s()
    {
        Assert.Equal(1, new SharedIterationsOptions().Vus);
        Assert.Equal(1, new SharedIterationsOptions().Iterations);
        Assert.Equal(TimeSpan.FromMinutes(10), new PerVuIterationsOptions().MaxDuration);
        Assert.Equal(1, new RampingVusOptions().StartVus);
        Assert.Equal(TimeSpan.FromSeconds(30), new RampingVusOptions().GracefulRampDown);
        Assert.Equal(S, new ConstantArrivalRateOptions().TimeUnit);
        Assert.Equal(0, new RampingArrivalRateOptions().StartRate);
        Assert.Equal(TimeSpan.FromSeconds(30), new ConstantVusOptions().GracefulStop);
        Assert.Equal(7, new ConstantArrivalRateOptions { PreAllocatedVus = 7 }.MaxVus); // maxVUs: preAllocatedVUs when unset
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_ReturnsEveryErrorAtOnce(ExecutorOptions options, string[] expected)
    {
        var errors = options.Validate();

        Assert.Equal(expected.Length, errors.Count);
        foreach (var text in expected)
        {
            Assert.Contains(errors, e => e.Contains(text, StringComparison.Ordinal));
        }
    }

    public static TheoryData<ExecutorOptions, string[]> InvalidOptions() => new()
    {
        { new ConstantVusOptions { Vus = 0, Duration = TimeSpan.Zero, GracefulStop = -S }, ["vus must be", "duration must be", "gracefulStop"] },
        { new SharedIterationsOptions { Vus = 5, Iterations = 3, MaxDuration = TimeSpan.Zero }, ["iterations (3) must be at least vus (5)", "maxDuration"] },
        { new PerVuIterationsOptions { Vus = -1, Iterations = 0 }, ["vus must be", "iterations must be"] },
        { new RampingVusOptions { StartVus = -1, Stages = [new Stage(-S, -2)], GracefulRampDown = -S }, ["startVUs", "stage 1: duration", "stage 1: target", "gracefulRampDown"] },
        { new RampingVusOptions { Stages = [new Stage(TimeSpan.Zero, 5)] }, ["stages last 0s"] },
        { new RampingVusOptions(), ["at least one stage"] },
        { new ConstantArrivalRateOptions { Rate = 0, PreAllocatedVus = 0, TimeUnit = TimeSpan.Zero }, ["timeUnit", "preAllocatedVUs", "rate must be", "duration must be"] },
        { new ConstantArrivalRateOptions { Rate = 5, Duration = S, PreAllocatedVus = 10, MaxVusAllowed = 2 }, ["maxVUs (2) must not be below preAllocatedVUs (10)"] },
        { new RampingArrivalRateOptions { StartRate = -1, PreAllocatedVus = 1 }, ["startRate", "at least one stage"] },
        { new ConstantVusOptions { Duration = TimeSpan.MaxValue }, ["together must be at most 1000h"] },
        { new ConstantVusOptions { Duration = TimeSpan.FromHours(600), StartTime = TimeSpan.FromHours(600) }, ["together must be at most 1000h"] },
    };

    [Fact]
    public void RampingVus_Plan_StartsEachVuWhenTheRampReachesIt()
    {
        var options = new RampingVusOptions
        {
            StartVus = 0,
            Stages = [new Stage(TimeSpan.FromSeconds(4), 4), new Stage(TimeSpan.FromSeconds(10), 4), new Stage(TimeSpan.FromSeconds(2), 0)],
        };

        var plan = options.Plan();

        Assert.Equal(
            [
                new(TimeSpan.Zero, 0), new(S, 1), new(2 * S, 2), new(3 * S, 3), new(4 * S, 4),
                new(TimeSpan.FromSeconds(14.5), 3), new(TimeSpan.FromSeconds(15), 2), new(TimeSpan.FromSeconds(15.5), 1), new(TimeSpan.FromSeconds(16), 0),
            ],
            plan);
        Assert.Equal(4, options.MaxVus);
        Assert.Equal(TimeSpan.FromSeconds(16), options.PlannedDuration);
        Assert.Equal(TimeSpan.FromSeconds(46), options.TotalDuration);
    }

    [Fact]
    public void RampingVus_Plan_ZeroDurationStageJumps()
    {
        var plan = new RampingVusOptions { StartVus = 2, Stages = [new Stage(TimeSpan.Zero, 10), new Stage(5 * S, 10)] }.Plan();

        Assert.Equal([new(TimeSpan.Zero, 10), new ExecutionStep(5 * S, 0)], plan);
    }

    [Fact]
    public void ArrivalSchedule_Constant_IsStartPlusIPeriodWithoutDrift()
    {
        var schedule = new ConstantArrivalRateOptions { Rate = 300, Duration = TimeSpan.FromHours(1), PreAllocatedVus = 1 }.Schedule();
        var offsets = new List<TimeSpan>();
        for (var i = 0; i < 1_000_000 && schedule.TryNext(out var offset); i++)
        {
            offsets.Add(offset);
        }

        Assert.Equal(TimeSpan.Zero, offsets[0]);
        Near(TimeSpan.FromSeconds(1.0 / 300), offsets[1], 1);
        Near(TimeSpan.FromSeconds(999_999 / 300.0), offsets[999_999], 10); // computed from i, not summed: no drift
        Assert.Equal(1_080_000, schedule.ExpectedCount);
    }

    [Fact]
    public void ArrivalSchedule_TimeUnitScalesTheRate()
    {
        var schedule = new ConstantArrivalRateOptions { Rate = 30, TimeUnit = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromMinutes(1), PreAllocatedVus = 1 }.Schedule();

        Assert.True(schedule.TryNext(out var first));
        Assert.True(schedule.TryNext(out var second));
        Assert.Equal(TimeSpan.Zero, first);
        Assert.Equal(TimeSpan.FromSeconds(2), second);
        Assert.Equal(30, schedule.ExpectedCount);
    }

    [Fact]
    public void ArrivalSchedule_Ramp_FollowsTheIntegralOfTheRate()
    {
        // 0 → 10/s over 10 s: N(t) = t²/2, so the n-th start is at √(2n) s; then 10/s held for 1 s.
        var schedule = new RampingArrivalRateOptions { Stages = [new Stage(10 * S, 10), new Stage(S, 10)], PreAllocatedVus = 1 }.Schedule();
        var offsets = new List<TimeSpan>();
        while (schedule.TryNext(out var offset))
        {
            offsets.Add(offset);
        }

        Near(TimeSpan.FromSeconds(Math.Sqrt(2)), offsets[0], 10);
        Near(TimeSpan.FromSeconds(Math.Sqrt(98)), offsets[48], 10);
        Assert.Equal(10 * S, offsets[49]);
        Near(TimeSpan.FromSeconds(10.9), offsets[^1], 10);
        Assert.Equal(59, offsets.Count);
        Assert.Equal(59, schedule.ExpectedCount);
    }

    [Fact]
    public void ArrivalSchedule_RateSetByAZeroLengthFirstStage_StartsAtOnce()
    {
        var schedule = new RampingArrivalRateOptions { Stages = [new Stage(TimeSpan.Zero, 10), new Stage(10 * S, 10)], PreAllocatedVus = 1 }.Schedule();

        Assert.True(schedule.TryNext(out var first));
        Assert.Equal(TimeSpan.Zero, first);
        Assert.Equal(100, schedule.ExpectedCount);
    }

    [Fact]
    public void TestPlan_MaxVus_CountsScenariosTogetherOnlyWhileTheyOverlap()
    {
        IterationFunc nothing = (_, _) => ValueTask.CompletedTask;
        var first = new ConstantVusOptions { Vus = 100, Duration = 10 * S, GracefulStop = 5 * S };
        var after = new Scenario("b", first with { Vus = 60, StartTime = 15 * S }, nothing);
        var during = new Scenario("c", first with { Vus = 60, StartTime = 14 * S }, nothing);

        Assert.Equal(100, new TestPlan { Scenarios = [new Scenario("a", first, nothing), after] }.MaxVus);
        Assert.Equal(160, new TestPlan { Scenarios = [new Scenario("a", first, nothing), during] }.MaxVus);
    }

    [Theory]
    [InlineData("30s:100,1m:100,10s:0", 3, 100)]
    [InlineData("5s:10", 1, 10)]
    public void Stage_ParseList_ReadsK6sCliForm(string text, int count, int firstTarget)
    {
        var stages = Stage.ParseList(text);

        Assert.Equal(count, stages.Count);
        Assert.Equal(firstTarget, stages[0].Target);
    }

    [Theory]
    [InlineData("30s")]
    [InlineData("30s:ten")]
    [InlineData("soon:10")]
    [InlineData("")]
    public void Stage_ParseList_RejectsMalformedStages(string text) =>
        Assert.Throws<ConfigException>(() => Stage.ParseList(text));

    private static void Near(TimeSpan expected, TimeSpan actual, long ticks) =>
        Assert.InRange(actual.Ticks, expected.Ticks - ticks, expected.Ticks + ticks);
}
