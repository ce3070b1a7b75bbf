using Surge.Configuration;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Execution.Segments;

namespace Surge.Tests.Execution.Segments;

/// <summary>
/// Every executor split by many sequences: the segments' VUs, iterations and iteration starts add up to
/// the whole test's exactly, none lost and none doubled.
/// </summary>
public class SegmentSplitTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Sequences() => ExecutionSegmentTests.Sequences();

    [Theory]
    [MemberData(nameof(Sequences))]
    public void ConstantVus_VusAddUp(string sequence)
    {
        foreach (var vus in new[] { 1, 2, 3, 7, 10, 99, 1000, 10_001 })
        {
            var whole = new ConstantVusOptions { Vus = vus, Duration = 10 * S };
            var shares = Split(whole, sequence).Cast<ConstantVusOptions>().ToList();

            Assert.Equal(vus, shares.Sum(s => s.Vus));
            Assert.All(shares, s => Assert.Equal(whole.Duration, s.Duration));
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void PerVuIterations_VusAndIterationsAddUp(string sequence)
    {
        foreach (var (vus, iterations) in new[] { (1, 1L), (3, 5L), (10, 10L), (97, 3L) })
        {
            var whole = new PerVuIterationsOptions { Vus = vus, Iterations = iterations };
            var shares = Split(whole, sequence);

            Assert.Equal(vus, shares.Sum(s => s.MaxVus));
            Assert.Equal(whole.PlannedIterations, shares.Sum(s => s.PlannedIterations));
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void SharedIterations_VusAndIterationsAddUp(string sequence)
    {
        foreach (var (vus, iterations) in new[] { (1, 1L), (3, 5L), (10, 1000L), (97, 1_000_003L) })
        {
            var whole = new SharedIterationsOptions { Vus = vus, Iterations = iterations };
            var shares = Split(whole, sequence).Cast<SharedIterationsOptions>().ToList();

            Assert.Equal(vus, shares.Sum(s => s.Vus));
            Assert.Equal(iterations, shares.Sum(s => s.Iterations));
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void RampingVus_AtEveryMoment_TheSegmentsVusAddUpToTheWholes(string sequence)
    {
        var whole = new RampingVusOptions
        {
            StartVus = 2,
            Stages = [new Stage(10 * S, 17), new Stage(5 * S, 17), new Stage(10 * S, 3), new Stage(TimeSpan.Zero, 9), new Stage(7 * S, 0), new Stage(3 * S, 5)],
        };
        var shares = Split(whole, sequence);
        var wholePlan = whole.Plan();
        var moments = shares.SelectMany(s => s.Plan()).Concat(wholePlan).Select(s => s.Offset).Distinct().Order().ToList();

        foreach (var moment in moments)
        {
            Assert.Equal(VusAt(wholePlan, moment), shares.Sum(s => VusAt(s.Plan(), moment)));
        }

        Assert.Equal(whole.MaxVus, shares.Sum(s => s.MaxVus));
        Assert.All(shares, s => Assert.Equal(whole.PlannedDuration, s.Plan()[^1].Offset));
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void ConstantArrivalRate_EveryStartOnExactlyOneSegment_RatesAddUpToTheTarget(string sequence)
    {
        var whole = new ConstantArrivalRateOptions { Rate = 37, Duration = 3 * S, PreAllocatedVus = 10, MaxVusAllowed = 23 };
        AssertStartsPartitioned(whole, Split(whole, sequence).Cast<ArrivalRateOptions>().ToList());
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void RampingArrivalRate_EveryStartOnExactlyOneSegment(string sequence)
    {
        var whole = new RampingArrivalRateOptions
        {
            StartRate = 5, Stages = [new Stage(2 * S, 50), new Stage(S, 50), new Stage(2 * S, 0)], PreAllocatedVus = 8, TimeUnit = S,
        };
        AssertStartsPartitioned(whole, Split(whole, sequence).Cast<ArrivalRateOptions>().ToList());
    }

    [Fact]
    public void Plan_ShareWithIterationsButNoVu_IsOneClearError()
    {
        var plan = new TestPlan { Scenarios = [new Scenario("api", new SharedIterationsOptions { Vus = 1, Iterations = 10 }, (_, _) => ValueTask.CompletedTask)] };

        var error = Assert.Throws<ConfigException>(() => plan.ForSegment(ExecutionTuple.From("1/2:1", "0,1/2,1")));

        Assert.Equal("scenario 'api': segment 1/2:1 gets 5 iteration(s) but none of the scenario's 1 VU(s); give it at least one VU per segment (2)", error.Message);
    }

    [Fact]
    public void Plan_IdIsTheSameOnEveryGenerator_AndDiffersForAnotherTest()
    {
        var sequence = ExecutionSegmentSequence.Parse("0,1/2,1");
        var plan = new TestPlan { Scenarios = [new Scenario("api", new ConstantVusOptions { Vus = 4, Duration = S }, (_, _) => ValueTask.CompletedTask)] };

        Assert.Equal(plan.IdFor("a.cs", sequence), plan.IdFor("a.cs", sequence));
        Assert.NotEqual(plan.IdFor("a.cs", sequence), plan.IdFor("b.cs", sequence));
        Assert.NotEqual(plan.IdFor("a.cs", sequence), plan.IdFor("a.cs", ExecutionSegmentSequence.Parse("0,1/3,1")));
        Assert.Equal(2, plan.ForSegment(ExecutionTuple.From("0:1/2", "0,1/2,1")).MaxVus);
    }

    private static void AssertStartsPartitioned(ArrivalRateOptions whole, List<ArrivalRateOptions> shares)
    {
        var wholeStarts = Starts(whole.Schedule());
        var shareStarts = shares.SelectMany(s => Starts(s.Schedule())).Order().ToList();

        Assert.True(wholeStarts.Count > 50);
        Assert.Equal(wholeStarts, shareStarts); // the same starts, each once: the segments' rates sum to the target
        Assert.Equal(whole.Schedule().ExpectedCount, shares.Sum(s => s.Schedule().ExpectedCount));
        Assert.All(shares, s => Assert.Equal(Starts(s.Schedule()).Count, s.Schedule().ExpectedCount));
        Assert.Equal(whole.PreAllocatedVus, shares.Sum(s => s.PreAllocatedVus));
        Assert.Equal(whole.MaxVusAllowed, shares.Sum(s => s.MaxVusAllowed));
    }

    private static List<TimeSpan> Starts(ArrivalSchedule schedule)
    {
        var starts = new List<TimeSpan>();
        while (schedule.TryNext(out var offset))
        {
            starts.Add(offset);
        }

        return starts;
    }

    private static List<ExecutorOptions> Split(ExecutorOptions whole, string sequence) =>
        [.. ExecutionSegmentTests.Tuples(sequence).Select(whole.ForSegment)];

    private static int VusAt(IReadOnlyList<ExecutionStep> plan, TimeSpan moment) => plan.Last(s => s.Offset <= moment).Vus;
}
