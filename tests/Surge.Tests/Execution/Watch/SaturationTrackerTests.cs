using Surge.Execution.Watch;

namespace Surge.Tests.Execution.Watch;

public class SaturationTrackerTests
{
    private const string Advice = "; use fewer VUs per generator, a bigger machine, or `--quiet`";

    private static GeneratorSample Second(double cpu = 0.3, int lagMillis = 5) =>
        new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(lagMillis), cpu);

    private static SaturationTracker Feed(params GeneratorSample[] samples)
    {
        var tracker = new SaturationTracker();
        foreach (var sample in samples)
        {
            tracker.Add(sample);
        }

        return tracker;
    }

    [Theory]
    [InlineData(100, 0.0, false)]
    [InlineData(101, 0.0, true)]
    [InlineData(0, 0.899, false)]
    [InlineData(0, 0.90, true)]
    [InlineData(250, 0.95, true)]
    public void IsSaturated_AtTheThresholds_LagMustExceedAndCpuMustReach(int lagMillis, double cpu, bool saturated)
    {
        Assert.Equal(saturated, SaturationTracker.IsSaturated(TimeSpan.FromMilliseconds(lagMillis), cpu));
        Assert.Equal(saturated, Second(cpu, lagMillis).Saturated);
    }

    [Fact]
    public void Add_AMinuteOfHealthySeconds_NeverLimits()
    {
        var tracker = Feed([.. Enumerable.Repeat(Second(cpu: 0.85, lagMillis: 90), 60)]);

        Assert.False(tracker.IsLimiting);
        Assert.Equal(TimeSpan.Zero, tracker.LimitedFor);
        Assert.Null(tracker.Verdict);
    }

    [Fact]
    public void Add_ThreeSaturatedSeconds_DoNotLimit_TheFourthDoes()
    {
        var tracker = new SaturationTracker();
        for (var i = 0; i < 3; i++)
        {
            tracker.Add(Second(cpu: 0.95));
            Assert.False(tracker.IsLimiting);
        }

        Assert.Null(tracker.Verdict);
        tracker.Add(Second(cpu: 0.95));

        Assert.True(tracker.IsLimiting);
        Assert.Equal(TimeSpan.FromSeconds(4), tracker.LimitedFor);
    }

    [Fact]
    public void Add_HealthySecondInsideARun_StartsTheCountAgain()
    {
        var tracker = Feed(Second(0.95), Second(0.95), Second(0.95), Second(0.5), Second(0.95), Second(0.95), Second(0.95));
        Assert.False(tracker.IsLimiting);
        Assert.Equal(TimeSpan.Zero, tracker.LimitedFor);

        tracker.Add(Second(0.95));
        Assert.True(tracker.IsLimiting);
    }

    [Fact]
    public void Add_HealthySecondAfterLimiting_EndsTheLimitingButKeepsItsTime()
    {
        var tracker = Feed(Second(0.95), Second(0.95), Second(0.95), Second(0.95), Second(0.95));
        Assert.True(tracker.IsLimiting);

        tracker.Add(Second(0.4));

        Assert.False(tracker.IsLimiting);
        Assert.Equal(TimeSpan.FromSeconds(5), tracker.LimitedFor);
    }

    [Fact]
    public void LimitedFor_SumsOnlyTheStretchesPastTheGrace_EachCountedWhole()
    {
        var tracker = Feed(
            Second(0.95), Second(0.95), Second(0.95), Second(0.95), Second(0.95), Second(0.2),
            Second(0.95), Second(0.95), Second(0.2),
            Second(0.95), Second(0.95), Second(0.95), Second(0.95), Second(0.2));

        Assert.Equal(TimeSpan.FromSeconds(9), tracker.LimitedFor);
    }

    [Fact]
    public void Add_ShorterSamples_CountTimeNotSamples()
    {
        var half = new GeneratorSample(TimeSpan.FromMilliseconds(500), TimeSpan.Zero, 0.95);
        var tracker = Feed(half, half, half, half, half, half);
        Assert.False(tracker.IsLimiting); // exactly 3 s is not more than 3 s

        tracker.Add(half);

        Assert.True(tracker.IsLimiting);
        Assert.Equal(TimeSpan.FromSeconds(3.5), tracker.LimitedFor);
        Assert.Equal("results are limited by the load generator, not the server: its CPU was ≥ 90 % for 3.5 s" + Advice, tracker.Verdict);
    }

    [Fact]
    public void Add_LagOnly_LimitsAndTheVerdictGivesTheWorstLag()
    {
        var tracker = Feed(Second(0.2, 150), Second(0.2, 340), Second(0.2, 120), Second(0.2, 200));

        Assert.True(tracker.IsLimiting);
        Assert.Equal("results are limited by the load generator, not the server: its timers lagged up to 340 ms for 4 s" + Advice, tracker.Verdict);
    }

    [Fact]
    public void Add_CpuOnly_LimitsAndTheVerdictNamesTheCpu()
    {
        var tracker = Feed([.. Enumerable.Repeat(Second(cpu: 0.95, lagMillis: 20), 12)]);

        Assert.True(tracker.IsLimiting);
        Assert.Equal("results are limited by the load generator, not the server: its CPU was ≥ 90 % for 12 s" + Advice, tracker.Verdict);
    }

    [Fact]
    public void Add_BothCausesInOneStretch_TheVerdictNamesBoth()
    {
        var tracker = Feed(Second(0.92), Second(0.95), Second(0.3, 150), Second(0.3, 130));

        Assert.Equal(
            "results are limited by the load generator, not the server: its CPU was ≥ 90 % and its timers lagged up to 150 ms for 4 s" + Advice,
            tracker.Verdict);
    }

    [Fact]
    public void Verdict_LagInAStretchThatDidNotCount_IsLeftOut()
    {
        var tracker = Feed(Second(0.3, 500), Second(0.3, 500), Second(0.3), Second(0.95), Second(0.95), Second(0.95), Second(0.95));

        Assert.Equal(TimeSpan.FromMilliseconds(500), tracker.MaxLag);
        Assert.Equal("results are limited by the load generator, not the server: its CPU was ≥ 90 % for 4 s" + Advice, tracker.Verdict);
    }

    [Fact]
    public void Stats_MaxLagPeakAndTimeWeightedMeanCpu()
    {
        var tracker = Feed(
            Second(cpu: 0.2, lagMillis: 40),
            Second(cpu: 0.6, lagMillis: 130),
            new GeneratorSample(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10), 0.5));

        Assert.Equal(TimeSpan.FromMilliseconds(130), tracker.MaxLag);
        Assert.Equal(0.6, tracker.PeakCpu, 9);
        Assert.Equal(0.45, tracker.MeanCpu, 9); // (0.2 + 0.6 + 2 × 0.5) / 4 s; a plain mean of samples would be 0.433
    }

    [Fact]
    public void Stats_NoSamples_AreZero()
    {
        var tracker = new SaturationTracker();

        Assert.Equal(TimeSpan.Zero, tracker.MaxLag);
        Assert.Equal(0, tracker.PeakCpu);
        Assert.Equal(0, tracker.MeanCpu);
        Assert.Null(tracker.Verdict);
    }
}
