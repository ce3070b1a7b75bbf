using Surge.Analysis.FindMax;

namespace Surge.Tests.Analysis.FindMax;

/// <summary>The search against simulated systems: a function from the level to the step's verdict, no real runs.</summary>
public sealed class FindMaxRunnerTests
{
    private static readonly FindMaxOptions Options = new() { From = 50, To = 20_000, StepDuration = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Search_DoublesThenBisectsToWithin5PercentThenHolds()
    {
        var result = await SearchAsync(Options, level => level <= 300 ? StepVerdict.Passed : StepVerdict.Failed);

        Assert.Equal([50, 100, 200, 400, 300, 350, 325, 312.5, 300], result.Steps.Select(s => s.Level));
        Assert.Equal([false, false, false, false, false, false, false, false, true], result.Steps.Select(s => s.Hold));
        Assert.Equal(SearchEnd.Confirmed, result.End);
        Assert.Equal(300, result.Best!.Level);
        Assert.True(result.Best.Hold);
        Assert.Equal(400, result.FirstFailing!.Level);
    }

    [Fact]
    public async Task Search_EndsWithTheGapUnder5Percent_ForAnyCapacity()
    {
        foreach (var capacity in new[] { 77.0, 1234, 5000, 19_999 })
        {
            var result = await SearchAsync(Options, level => level <= capacity ? StepVerdict.Passed : StepVerdict.Failed);

            var found = result.Best!.Level;
            var lowestFailure = result.Steps.Where(s => !s.Passed).Min(s => s.Level);
            Assert.True(found <= capacity && (lowestFailure - found) / found <= 0.05, $"capacity {capacity}: found {found}, lowest failure {lowestFailure}");
            Assert.True(result.Steps[^1].Hold);
        }
    }

    [Fact]
    public async Task Search_NeverRunsAboveTo_AndHoldsToWhenEveryLevelPasses()
    {
        var options = Options with { To = 1000 };

        var result = await SearchAsync(options, _ => StepVerdict.Passed);

        Assert.Equal([50, 100, 200, 400, 800, 1000, 1000], result.Steps.Select(s => s.Level));
        Assert.All(result.Steps, s => Assert.True(s.Level <= 1000));
        Assert.True(result.ReachedTop);
        Assert.Equal(SearchEnd.Confirmed, result.End);
    }

    [Fact]
    public async Task Search_StopsAtTheGeneratorLimit_AndKeepsTheBestServerResult()
    {
        var result = await SearchAsync(Options, level => level >= 400 ? StepVerdict.GeneratorLimited : StepVerdict.Passed);

        Assert.Equal([50, 100, 200, 400], result.Steps.Select(s => s.Level));
        Assert.Equal(SearchEnd.GeneratorLimit, result.End);
        Assert.Equal(400, result.GeneratorLimited!.Level);
        Assert.Equal(200, result.Best!.Level);
        Assert.Null(result.FirstFailing); // the generator's limit is not counted as the server's failure
    }

    [Fact]
    public async Task Search_FoundLevelFailsItsHold_BisectsBelowIt()
    {
        var holds = 0;
        var result = await SearchAsync(Options, level =>
        {
            // 300 passes once, then fails when held: the system is unsteady there, and 287.5 is where it holds.
            if (level == 300)
            {
                return holds++ == 0 ? StepVerdict.Passed : StepVerdict.Failed;
            }

            return level < 300 ? StepVerdict.Passed : StepVerdict.Failed;
        });

        Assert.Equal([50, 100, 200, 400, 300, 350, 325, 312.5, 300, 250, 275, 287.5, 287.5], result.Steps.Select(s => s.Level));
        Assert.Equal(SearchEnd.Confirmed, result.End);
        Assert.Equal(287.5, result.Best!.Level);
    }

    [Fact]
    public async Task Search_FirstLevelFails_NothingPassed()
    {
        var result = await SearchAsync(Options, _ => StepVerdict.Failed);

        Assert.Single(result.Steps);
        Assert.Equal(SearchEnd.NothingPassed, result.End);
        Assert.Null(result.Best);
    }

    [Fact]
    public async Task ClosedModel_StepsWholeVus()
    {
        var options = Options with { Model = LoadModel.Closed, From = 1, To = 500 };

        var result = await SearchAsync(options, level => level <= 37 ? StepVerdict.Passed : StepVerdict.Failed);

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 48, 40, 36, 38, 37, 37], result.Steps.Select(s => s.Level));
        Assert.All(result.Steps, s => Assert.Equal(Math.Floor(s.Level), s.Level));
        Assert.Equal(37, result.Best!.Level);
    }

    [Fact]
    public async Task Stop_EndsTheSearchBeforeTheNextStep_WithTheStepsSoFar()
    {
        using var stop = new CancellationTokenSource();
        var result = await FindMaxRunner.RunAsync(Options, request =>
        {
            if (request.Number == 3)
            {
                stop.Cancel();
            }

            return Task.FromResult(Step(request, StepVerdict.Passed));
        }, _ => { }, stop.Token);

        Assert.Equal(3, result.Steps.Count);
        Assert.Equal(SearchEnd.Stopped, result.End);
        Assert.Equal(200, result.Best!.Level);
    }

    [Fact]
    public async Task EachStep_IsReportedAsItEnds()
    {
        var reported = new List<int>();

        var result = await FindMaxRunner.RunAsync(Options, request => Task.FromResult(Step(request, request.Level <= 300 ? StepVerdict.Passed : StepVerdict.Failed)), s => reported.Add(s.Number));

        Assert.Equal(result.Steps.Select(s => s.Number), reported);
    }

    private static Task<FindMaxResult> SearchAsync(FindMaxOptions options, Func<double, StepVerdict> system) =>
        FindMaxRunner.RunAsync(options, request => Task.FromResult(Step(request, system(request.Level))), _ => { });

    /// <summary>A simulated step: throughput follows the level while it passes, and stays at the last passing one's when it fails.</summary>
    private static StepResult Step(StepRequest request, StepVerdict verdict) =>
        new(request.Number, request.Level, verdict, verdict == StepVerdict.Passed ? [] : ["simulated"])
        {
            Tps = verdict == StepVerdict.Passed ? request.Level : request.Below?.Tps ?? 0,
            Concurrency = request.Level / 100,
        };
}
