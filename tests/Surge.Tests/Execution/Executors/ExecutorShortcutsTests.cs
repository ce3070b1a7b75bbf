using Surge.Configuration;
using Surge.Execution.Executors;
using static Surge.Execution.Executors.ExecutorShortcuts;

namespace Surge.Tests.Execution.Executors;

/// <summary>k6's shortcuts from top-level options or flags to an executor, and the auto-sized VU pool of --rate.</summary>
public class ExecutorShortcutsTests
{
    [Fact]
    public void VusAndDuration_AreConstantVus()
    {
        var executor = Assert.IsType<ConstantVusOptions>(Resolve(new Shortcut { Vus = 30, Duration = TimeSpan.FromSeconds(10) }, out var note));

        Assert.Equal(30, executor.Vus);
        Assert.Null(note);
    }

    [Fact]
    public void VusAndIterations_AreSharedIterations_WithDurationAsMaxDuration()
    {
        var executor = Assert.IsType<SharedIterationsOptions>(Resolve(new Shortcut { Vus = 5, Iterations = 100, Duration = TimeSpan.FromMinutes(1) }, out _));

        Assert.Equal((5, 100L, TimeSpan.FromMinutes(1)), (executor.Vus, executor.Iterations, executor.MaxDuration));
    }

    [Fact]
    public void Stages_AreRampingVus_StartingAtVus()
    {
        var executor = Assert.IsType<RampingVusOptions>(Resolve(new Shortcut { Vus = 3, Stages = Stage.ParseList("30s:100,10s:0") }, out _));

        Assert.Equal(3, executor.StartVus);
        Assert.Equal(2, executor.Stages.Count);
    }

    [Fact]
    public void RateAndDuration_AreConstantArrivalRate_WithThePoolSizedAndSaidSo()
    {
        var executor = Assert.IsType<ConstantArrivalRateOptions>(Resolve(new Shortcut { Rate = 2000, Duration = TimeSpan.FromMinutes(1) }, out var note));

        Assert.Equal(2000, executor.Rate);
        Assert.Equal(200, executor.PreAllocatedVus);
        Assert.Equal(4000, executor.MaxVus);
        Assert.Contains("200 pre-allocated VUs", note, StringComparison.Ordinal);
        Assert.Contains("--max-vus", note, StringComparison.Ordinal);
    }

    [Fact]
    public void RateWithGivenPool_IsUsedAsGiven()
    {
        var executor = Assert.IsType<ConstantArrivalRateOptions>(Resolve(new Shortcut { Rate = 50, Duration = TimeSpan.FromSeconds(5), PreAllocatedVus = 7, MaxVus = 9 }, out var note));

        Assert.Equal((7, 9), (executor.PreAllocatedVus, executor.MaxVus));
        Assert.Null(note);
    }

    [Fact]
    public void RateWithOnlyMaxVus_KeepsTheAutoPoolWithinIt()
    {
        var executor = Assert.IsType<ConstantArrivalRateOptions>(Resolve(new Shortcut { Rate = 2000, Duration = TimeSpan.FromMinutes(1), MaxVus = 50 }, out _));

        Assert.Equal((50, 50), (executor.PreAllocatedVus, executor.MaxVus));
        Assert.Empty(executor.Validate());
    }

    [Theory]
    [InlineData("rate without duration")]
    [InlineData("rate with stages")]
    [InlineData("stages with duration")]
    [InlineData("pool without rate")]
    [InlineData("rate with vus")]
    public void Contradictions_AreConfigErrors(string why)
    {
        var shortcut = why switch
        {
            "rate without duration" => new Shortcut { Rate = 10 },
            "rate with stages" => new Shortcut { Rate = 10, Duration = TimeSpan.FromSeconds(1), Stages = Stage.ParseList("1s:1") },
            "stages with duration" => new Shortcut { Duration = TimeSpan.FromSeconds(1), Stages = Stage.ParseList("1s:1") },
            "rate with vus" => new Shortcut { Rate = 10, Duration = TimeSpan.FromSeconds(1), Vus = 5 },
            _ => new Shortcut { Duration = TimeSpan.FromSeconds(1), MaxVus = 3 },
        };

        Assert.Throws<ConfigException>(() => Resolve(shortcut, out _));
    }

    [Fact]
    public void NothingGiven_IsNoExecutor() => Assert.Null(Resolve(new Shortcut { Vus = 3 }, out _));
}
