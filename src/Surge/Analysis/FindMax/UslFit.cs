using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Surge.Analysis.FindMax;

/// <summary>
/// Gunther's Universal Scalability Law fitted to concurrency N against throughput X:
/// X(N) = λN / (1 + σ(N−1) + κN(N−1)). σ is contention (queueing for a shared resource), κ coherency
/// (the cost of keeping copies in step), and λ the throughput of one unit alone. With κ above 0,
/// throughput peaks at N* = √((1−σ)/κ) and falls beyond it.
/// </summary>
/// <param name="Points">Steps with a distinct concurrency that went into the fit.</param>
internal sealed record UslFit(int Points)
{
    /// <summary>Fewer points than this leave no freedom after three parameters: the fit says so instead.</summary>
    public const int FewestPoints = 4;

    /// <summary>Throughput of one unit of concurrency alone (per second).</summary>
    public double Lambda { get; init; }

    /// <summary>Contention, 0 to 1.</summary>
    public double Sigma { get; init; }

    /// <summary>Coherency, 0 or more.</summary>
    public double Kappa { get; init; }

    /// <summary>How much of the throughput's variation across the steps the fit explains (1 is all).</summary>
    public double RSquared { get; init; }

    /// <summary>Why there is no fit (too few points, no convergence); null when there is one.</summary>
    public string? Problem { get; init; }

    /// <summary>The concurrency at which the fit peaks; null when it levels off instead (κ = 0) or there is no fit.</summary>
    public double? PeakConcurrency => Problem is null && Kappa > 0 && Sigma < 1 ? Math.Sqrt((1 - Sigma) / Kappa) : null;

    /// <summary>The fit's throughput at its peak.</summary>
    public double? PeakThroughput => PeakConcurrency is { } n ? Throughput(n) : null;

    /// <summary>The throughput the fit predicts at concurrency <paramref name="n"/>.</summary>
    public double Throughput(double n) => Lambda * n / (1 + Sigma * (n - 1) + Kappa * n * (n - 1));

    /// <summary>Fits the law to the points by nonlinear least squares (Levenberg–Marquardt, MathNet.Numerics).</summary>
    public static UslFit Fit(IReadOnlyList<(double Concurrency, double Throughput)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var usable = points.Where(p => p.Concurrency > 0 && p.Throughput > 0 && double.IsFinite(p.Concurrency) && double.IsFinite(p.Throughput))
            .OrderBy(p => p.Concurrency).ToList();
        var distinct = usable.Select(p => Math.Round(p.Concurrency, 6)).Distinct().Count();
        if (distinct < FewestPoints)
        {
            return new UslFit(distinct) { Problem = $"too few points to fit: {distinct} step(s) with a distinct concurrency, the fit needs {FewestPoints}" };
        }

        var n = usable.Select(p => p.Concurrency).ToArray();
        var x = usable.Select(p => p.Throughput).ToArray();

        // Parameters are fitted in units that make each about 1 (λ against the first point's X/N, κ against the
        // largest N²), so one damping suits all three; a κ of 1e-6 beside a λ of 1,000 stalls the minimizer otherwise.
        var lambdaUnit = x[0] / n[0];
        var kappaUnit = 1 / (n[^1] * n[^1]);
        var guess = InitialGuess(n, x, lambdaUnit);
        var model = ObjectiveFunction.NonlinearModel(
            (p, ni) => Model(p[0] * lambdaUnit, p[1], p[2] * kappaUnit, ni),
            (p, ni) => Gradient(p, ni, lambdaUnit, kappaUnit),
            Vector<double>.Build.DenseOfArray(n),
            Vector<double>.Build.DenseOfArray(x),
            Vector<double>.Build.Dense(n.Length, 1));
        NonlinearMinimizationResult result;
        try
        {
            result = new LevenbergMarquardtMinimizer(maximumIterations: 1000).FindMinimum(
                model,
                Vector<double>.Build.DenseOfArray([guess.Lambda / lambdaUnit, guess.Sigma, guess.Kappa / kappaUnit]),
                lowerBound: Vector<double>.Build.Dense(3, 0));
        }
        catch (Exception exception) when (exception is MaximumIterationsException or ArithmeticException or ArgumentException)
        {
            return new UslFit(distinct) { Problem = $"the fit did not converge ({exception.Message})" };
        }

        var p = result.MinimizingPoint;
        var fit = new UslFit(distinct) { Lambda = p[0] * lambdaUnit, Sigma = p[1], Kappa = p[2] * kappaUnit };
        if (!double.IsFinite(fit.Lambda) || !double.IsFinite(fit.Sigma) || !double.IsFinite(fit.Kappa))
        {
            return new UslFit(distinct) { Problem = "the fit did not converge" };
        }

        var mean = x.Average();
        var total = x.Sum(v => (v - mean) * (v - mean));
        var residual = n.Select((ni, i) => x[i] - fit.Throughput(ni)).Sum(r => r * r);
        return fit with { RSquared = total > 0 ? 1 - residual / total : 1 };
    }

    private static double Model(double lambda, double sigma, double kappa, double n) =>
        lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));

    private static Vector<double> Gradient(Vector<double> p, double n, double lambdaUnit, double kappaUnit)
    {
        var lambda = p[0] * lambdaUnit;
        var kappa = p[2] * kappaUnit;
        var denominator = 1 + p[1] * (n - 1) + kappa * n * (n - 1);
        var value = lambda * n / denominator;
        return Vector<double>.Build.DenseOfArray(
        [
            n / denominator * lambdaUnit,
            -value * (n - 1) / denominator,
            -value * n * (n - 1) / denominator * kappaUnit,
        ]);
    }

    /// <summary>
    /// Gunther's linearisation: with λ from the lowest point, λN/X − 1 = σ(N−1) + κN(N−1) is linear in σ
    /// and κ, and a least-squares line through it starts the nonlinear fit close to its answer.
    /// </summary>
    private static (double Lambda, double Sigma, double Kappa) InitialGuess(double[] n, double[] x, double lambda)
    {
        var inputs = n.Select(v => new[] { v }).ToArray();
        var deviation = n.Select((v, i) => lambda * v / x[i] - 1).ToArray();
        double sigma = 0.1, kappa = 1e-4 / (n[^1] * n[^1]);
        try
        {
            var coefficients = MathNet.Numerics.Fit.LinearMultiDim(inputs, deviation, v => v[0] - 1, v => v[0] * (v[0] - 1));
            sigma = coefficients[0];
            kappa = coefficients[1];
        }
        catch (ArgumentException)
        {
            // A singular system (all points at N = 1): the fixed start above will do.
        }

        // The bounded minimizer needs a start strictly inside its bounds.
        var kappaFloor = 1e-6 / (n[^1] * n[^1]);
        return (lambda, Math.Clamp(double.IsFinite(sigma) ? sigma : 0.1, 1e-4, 0.99), Math.Max(double.IsFinite(kappa) ? kappa : 0, kappaFloor));
    }
}
