using Surge.Execution.Watch;

namespace Surge.Tests.Execution.Watch;

public class GeneratorWatchTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private readonly StallingTimeProvider _time = new();
    private TimeSpan _processorTime = TimeSpan.FromSeconds(42);

    private GeneratorWatch StartWatch()
    {
        var watch = new GeneratorWatch(_time, () => _processorTime);
        watch.Start();
        return watch;
    }

    /// <summary>
    /// Lets <paramref name="wall"/> pass with the process using <paramref name="cpu"/> of all cores, one tick period
    /// at a time so that every tick fires on time (an overdue fake timer fires at the time advanced to).
    /// </summary>
    private void Run(TimeSpan wall, double cpu)
    {
        _processorTime += wall * (cpu * Environment.ProcessorCount);
        for (var left = wall; left > TimeSpan.Zero; left -= GeneratorWatch.Period)
        {
            _time.Advance(left < GeneratorWatch.Period ? left : GeneratorWatch.Period);
        }
    }

    private GeneratorSample Second(GeneratorWatch watch, double cpu)
    {
        Run(OneSecond, cpu);
        return watch.TakeSecond();
    }

    [Fact]
    public void TakeSecond_OnTimeTicksAndLowCpu_NoLagNoSaturationNoVerdict()
    {
        using var watch = StartWatch();
        for (var i = 0; i < 10; i++)
        {
            var sample = Second(watch, 0.25);
            Assert.Equal(OneSecond, sample.Elapsed);
            Assert.Equal(TimeSpan.Zero, sample.MaxLag);
            Assert.Equal(0.25, sample.CpuFraction, 6);
            Assert.False(sample.Saturated);
        }

        var health = watch.Health;
        Assert.False(watch.IsLimiting);
        Assert.Equal(TimeSpan.Zero, health.MaxLag);
        Assert.Equal(0.25, health.PeakCpu, 6);
        Assert.Equal(0.25, health.MeanCpu, 6);
        Assert.Equal(TimeSpan.Zero, health.LimitedFor);
        Assert.Null(health.Verdict);
    }

    [Fact]
    public void TakeSecond_CpuCountedAboveEveryCore_CappedAtAll()
    {
        using var watch = StartWatch();

        var sample = Second(watch, 1.04);

        Assert.Equal(1.0, sample.CpuFraction, 6);
        Assert.True(sample.Saturated);
    }

    [Fact]
    public void TakeSecond_LateCall_CoversTheWholeGap()
    {
        using var watch = StartWatch();
        Run(TimeSpan.FromMilliseconds(1500), 0.6);

        var sample = watch.TakeSecond();

        Assert.Equal(TimeSpan.FromMilliseconds(1500), sample.Elapsed);
        Assert.Equal(0.6, sample.CpuFraction, 6);
    }

    [Fact]
    public void TakeSecond_LateTick_ReportsTheGapBeyondOnePeriodAsLag()
    {
        using var watch = StartWatch();
        Run(TimeSpan.FromMilliseconds(100), 0.1);
        _time.Advance(TimeSpan.FromMilliseconds(450)); // the tick due at 200 ms runs at 550 ms
        Run(TimeSpan.FromMilliseconds(450), 0.1);

        var sample = watch.TakeSecond();

        Assert.Equal(TimeSpan.FromMilliseconds(350), sample.MaxLag);
        Assert.True(sample.Saturated);
        Assert.Equal(TimeSpan.Zero, Second(watch, 0.1).MaxLag);
    }

    [Fact]
    public void TakeSecond_TickStarvedAllSecond_CountsTheLagBuiltUpSoFar()
    {
        using var watch = StartWatch();
        _time.Stall();
        Run(OneSecond, 0.1);

        var sample = watch.TakeSecond();

        Assert.Equal(TimeSpan.FromMilliseconds(900), sample.MaxLag);
        Assert.True(sample.Saturated);
    }

    [Fact]
    public void Watch_CpuSaturatedForFourSeconds_LimitsOnTheFourth()
    {
        using var watch = StartWatch();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Second(watch, 0.95).Saturated);
            Assert.False(watch.IsLimiting);
        }

        Second(watch, 0.95);

        var health = watch.Health;
        Assert.True(watch.IsLimiting);
        Assert.Equal(TimeSpan.FromSeconds(4), health.LimitedFor);
        Assert.Equal(0.95, health.PeakCpu, 6);
        Assert.Equal(
            "results are limited by the load generator, not the server: its CPU was ≥ 90 % for 4 s; use fewer VUs per generator, a bigger machine, or `--quiet`",
            health.Verdict);
    }

    [Fact]
    public void Watch_TimersLaggingEverySecond_LimitsAndTheVerdictGivesTheLag()
    {
        using var watch = StartWatch();
        for (var i = 0; i < 4; i++)
        {
            Run(TimeSpan.FromMilliseconds(100), 0.1);
            _time.Advance(TimeSpan.FromMilliseconds(300)); // due 100 ms after the last tick, runs 300 ms after it
            Run(TimeSpan.FromMilliseconds(600), 0.1);
            Assert.Equal(TimeSpan.FromMilliseconds(200), watch.TakeSecond().MaxLag);
        }

        var health = watch.Health;
        Assert.True(watch.IsLimiting);
        Assert.Equal(TimeSpan.FromMilliseconds(200), health.MaxLag);
        Assert.Equal(TimeSpan.FromSeconds(4), health.LimitedFor);
        Assert.Contains("its timers lagged up to 200 ms for 4 s", health.Verdict);
        Assert.DoesNotContain("CPU", health.Verdict);
    }

    [Fact]
    public void Watch_HealthySecondBetweenSaturatedOnes_ResetsTheRun()
    {
        using var watch = StartWatch();
        foreach (var cpu in new[] { 0.95, 0.95, 0.95, 0.5, 0.95, 0.95, 0.95 })
        {
            Second(watch, cpu);
        }

        Assert.False(watch.IsLimiting);
        Assert.Null(watch.Health.Verdict);
        Assert.Equal(0.95, watch.Health.PeakCpu, 6);
        Assert.Equal((6 * 0.95 + 0.5) / 7, watch.Health.MeanCpu, 6);
    }

    [Fact]
    public void Dispose_StopsTheTicks()
    {
        var watch = StartWatch();
        watch.Dispose();
        Run(OneSecond, 0.1);

        Assert.Equal(TimeSpan.FromMilliseconds(900), watch.TakeSecond().MaxLag);
    }

    [Fact]
    public void StartAndTakeSecond_OutOfOrder_Throw()
    {
        using var watch = new GeneratorWatch(_time, () => _processorTime);
        Assert.Throws<InvalidOperationException>(() => watch.TakeSecond());

        watch.Start();
        Assert.Throws<InvalidOperationException>(watch.Start);
    }
}
