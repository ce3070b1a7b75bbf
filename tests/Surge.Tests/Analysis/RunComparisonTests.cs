using Surge.Analysis;

namespace Surge.Tests.Analysis;

public class RunComparisonTests
{
    private static readonly FigureKey Tps = new(FigureKey.Load, "TPS");
    private static readonly FigureKey P95 = new(FigureKey.Load, "p95");
    private static readonly FigureKey Errors = new(FigureKey.Load, "errors");

    [Fact]
    public void SlowerRun_TpsAndP95AreWorse_WithTheRightSign_AndRegressionsPastTheThreshold()
    {
        var before = Run("before", tps: 1_000, p95: 50, errors: 0.5, seed: 1);
        var after = Run("after", tps: 800, p95: 80, errors: 0.5, seed: 2);

        var comparison = RunComparison.Compare(before, after);

        var tps = Row(comparison, Tps);
        Assert.Equal(Verdict.Worse, tps.Verdict);
        Assert.Equal(-20, tps.ChangePercent!.Value, 6);
        Assert.True(tps.PValue < 0.05);
        var p95 = Row(comparison, P95);
        Assert.Equal(Verdict.Worse, p95.Verdict);
        Assert.Equal(60, p95.ChangePercent!.Value, 6);
        Assert.Equal(Verdict.Same, Row(comparison, Errors).Verdict); // the same noise around the same level
        Assert.Equal([Tps, P95], comparison.Regressions(5).Select(r => r.Key));
        Assert.Equal([P95], comparison.Regressions(30).Select(r => r.Key));
        Assert.Empty(comparison.Differences);
    }

    [Fact]
    public void FasterRun_IsBetter_InEachFiguresOwnDirection()
    {
        var comparison = RunComparison.Compare(Run("before", 800, 80, 2, seed: 3), Run("after", 1_000, 50, 0.1, seed: 4));

        Assert.Equal(Verdict.Better, Row(comparison, Tps).Verdict);
        Assert.Equal(Verdict.Better, Row(comparison, P95).Verdict);
        Assert.Equal(Verdict.Better, Row(comparison, Errors).Verdict);
        Assert.Empty(comparison.Regressions(0));
    }

    [Fact]
    public void SameLevelWithNoise_IsNoSignificantChange_EvenWithADelta()
    {
        // At α = 0.05 about one comparison in twenty of the same level is flagged by chance; never most.
        var flagged = Enumerable.Range(0, 20)
            .Select(seed => RunComparison.Compare(Run("before", 1_000, 50, 1, seed: 100 + seed), Run("after", 1_001, 50.05, 1, seed: 200 + seed)))
            .Count(c => Row(c, Tps).Verdict != Verdict.Same);

        var one = RunComparison.Compare(Run("before", 1_000, 50, 1, seed: 5), Run("after", 1_001, 50.05, 1, seed: 7));

        Assert.InRange(flagged, 0, 4);
        Assert.Equal(0.1, Row(one, Tps).ChangePercent!.Value, 6);
    }

    [Fact]
    public void RunWithoutPerSecondSeries_IsUntested_AndNeverARegression()
    {
        var before = Run("before", 1_000, 50, 0, seed: 7);
        var after = Run("after", 500, 500, 50, seed: 8) with { Series = null };

        var comparison = RunComparison.Compare(before, after);

        Assert.All(comparison.Rows, r => Assert.Equal(Verdict.Untested, r.Verdict));
        Assert.Equal(-50, Row(comparison, Tps).ChangePercent!.Value, 6);
        Assert.Empty(comparison.Regressions(5));
    }

    [Fact]
    public void ErrorsFromZero_AreAnInfiniteChange_AndARegression()
    {
        var comparison = RunComparison.Compare(Run("before", 1_000, 50, 0, seed: 9), Run("after", 1_000, 50, 3, seed: 10));

        var errors = Row(comparison, Errors);
        Assert.Equal(Verdict.Worse, errors.Verdict);
        Assert.Equal(double.PositiveInfinity, errors.ChangePercent);
        Assert.Equal([Errors], comparison.Regressions(5).Select(r => r.Key));
    }

    [Fact]
    public void WholeRunValueAgainstTheMedianShift_IsNoVerdict()
    {
        // Most seconds got faster, but one awful second drags the whole-run p95 up: the two disagree.
        var before = Run("before", 1_000, 50, 0, seed: 11);
        var after = before with
        {
            Figures = before.Figures with { Figures = [new RunFigure(P95, FigureUnit.Milliseconds, false, 70)] },
            Series = new Dictionary<FigureKey, IReadOnlyList<double>> { [P95] = [.. before.Series![P95].Select(v => v - 20)] },
        };

        var row = Row(RunComparison.Compare(before, after), P95);

        Assert.True(row.PValue < 0.05);
        Assert.Equal(Verdict.Same, row.Verdict);
    }

    [Fact]
    public void DifferentTargetsOrScenarios_AreNamed_ButALoopbackPortIsNot()
    {
        var before = Run("before", 1_000, 50, 0, seed: 12);
        var movedPort = before with { Figures = before.Figures with { Target = "http://127.0.0.1:41234/" } };
        var otherTest = before with { Figures = before.Figures with { Target = "http://shop.example/", Scenarios = ["browse", "buy"] } };

        Assert.Empty(RunComparison.Compare(before, movedPort).Differences);
        Assert.Equal(
            ["target 'http://127.0.0.1:8080/' vs 'http://shop.example/'", "scenarios default vs browse, buy"],
            RunComparison.Compare(before, otherTest).Differences);
    }

    private static ComparisonRow Row(RunComparison comparison, FigureKey key) => comparison.Rows.Single(r => r.Key == key);

    /// <summary>A run of 20 seconds whose per-second values scatter ±2 % around the given levels.</summary>
    private static ComparedRun Run(string label, double tps, double p95, double errors, int seed)
    {
        var random = new Random(seed);
        IReadOnlyList<double> Around(double level) => [.. Enumerable.Range(0, 20).Select(_ => Math.Max(0, level * (1 + (random.NextDouble() - 0.5) * 0.04)))];
        var figures = new RunFigureSet("http://127.0.0.1:8080/", ["default"],
        [
            new(Tps, FigureUnit.PerSecond, true, tps),
            new(P95, FigureUnit.Milliseconds, false, p95),
            new(Errors, FigureUnit.Percent, false, errors),
        ]);
        var series = new Dictionary<FigureKey, IReadOnlyList<double>> { [Tps] = Around(tps), [P95] = Around(p95), [Errors] = Around(errors) };
        return new ComparedRun(label, figures, series);
    }
}
