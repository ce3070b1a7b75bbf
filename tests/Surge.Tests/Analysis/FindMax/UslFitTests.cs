using Surge.Analysis.FindMax;

namespace Surge.Tests.Analysis.FindMax;

/// <summary>The Universal Scalability Law fit on synthetic data from known σ, κ and λ.</summary>
public sealed class UslFitTests
{
    private static readonly double[] Concurrency = [1, 2, 4, 8, 16, 24, 32, 48, 64, 96];

    [Fact]
    public void Fit_ExactPoints_RecoversSigmaKappaLambda()
    {
        var points = Points(lambda: 1000, sigma: 0.03, kappa: 0.0005, noise: _ => 0);

        var fit = UslFit.Fit(points);

        Assert.Null(fit.Problem);
        Assert.Equal(1000, fit.Lambda, 1000 * 0.001);
        Assert.Equal(0.03, fit.Sigma, 0.0005);
        Assert.Equal(0.0005, fit.Kappa, 0.00001);
        Assert.True(fit.RSquared > 0.9999, $"R² {fit.RSquared}");
        Assert.Equal(Math.Sqrt(0.97 / 0.0005), fit.PeakConcurrency!.Value, 0.5);
    }

    [Fact]
    public void Fit_NoisyPoints_RecoversThemWithinTolerance_AndAGoodRSquared()
    {
        // ±3 % of each throughput, alternating, as steps of a real run scatter.
        var points = Points(lambda: 250, sigma: 0.08, kappa: 0.002, noise: i => i % 2 == 0 ? 0.03 : -0.03);

        var fit = UslFit.Fit(points);

        Assert.Null(fit.Problem);
        Assert.Equal(250, fit.Lambda, 250 * 0.1);
        Assert.Equal(0.08, fit.Sigma, 0.03);
        Assert.Equal(0.002, fit.Kappa, 0.0006);
        Assert.True(fit.RSquared > 0.95, $"R² {fit.RSquared}");
        var peak = Math.Sqrt((1 - 0.08) / 0.002);
        Assert.InRange(fit.PeakConcurrency!.Value, peak * 0.85, peak * 1.15);
        Assert.InRange(fit.PeakThroughput!.Value, Law(250, 0.08, 0.002, peak) * 0.9, Law(250, 0.08, 0.002, peak) * 1.1);
    }

    [Fact]
    public void Fit_ThroughputThatLevelsOff_HasLittleKappa_AndAPeakFarBeyondThePoints()
    {
        var points = Points(lambda: 100, sigma: 0.2, kappa: 0, noise: _ => 0);

        var fit = UslFit.Fit(points);

        Assert.Null(fit.Problem);
        Assert.Equal(0.2, fit.Sigma, 0.005);
        Assert.True(fit.PeakConcurrency is null or > 1000, $"peak {fit.PeakConcurrency}");
    }

    [Fact]
    public void Fit_TooFewPoints_SaysSo()
    {
        var points = Points(lambda: 1000, sigma: 0.03, kappa: 0.0005, noise: _ => 0).Take(3).ToList();

        var fit = UslFit.Fit(points);

        Assert.NotNull(fit.Problem);
        Assert.Contains("too few points", fit.Problem, StringComparison.Ordinal);
        Assert.Null(fit.PeakConcurrency);
    }

    [Fact]
    public void Fit_RepeatedConcurrency_CountsDistinctPointsOnly()
    {
        List<(double, double)> points = [(4, 100), (4, 101), (4, 99), (8, 180)];

        var fit = UslFit.Fit(points);

        Assert.Equal(2, fit.Points);
        Assert.NotNull(fit.Problem);
    }

    private static List<(double Concurrency, double Throughput)> Points(double lambda, double sigma, double kappa, Func<int, double> noise) =>
        [.. Concurrency.Select((n, i) => (n, Law(lambda, sigma, kappa, n) * (1 + noise(i))))];

    private static double Law(double lambda, double sigma, double kappa, double n) => lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}
