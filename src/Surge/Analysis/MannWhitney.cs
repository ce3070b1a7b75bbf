using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Surge.Analysis;

/// <summary>
/// The Mann–Whitney U test (Wilcoxon rank-sum), two-sided, with the normal approximation, the tie
/// correction of the variance and a continuity correction: whether one sample tends to have larger
/// values than the other, without assuming any distribution. Go's benchstat decides its "~" with it.
/// </summary>
/// <remarks>
/// MathNet.Numerics has no such test, so the statistic is computed here; the ranks (ties averaged) and
/// the normal distribution's CDF are MathNet's. The approximation is good from about 8 values a side;
/// below that the p-value is rough, and with 1–2 values a side nothing can be significant at 0.05 anyway.
/// </remarks>
internal static class MannWhitney
{
    /// <summary>Tests whether <paramref name="first"/> and <paramref name="second"/> come from one distribution.</summary>
    /// <returns>U of <paramref name="first"/>, z and the two-sided p-value; p = 1 when either sample is empty.</returns>
    public static MannWhitneyResult Test(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        double n1 = first.Count, n2 = second.Count, n = n1 + n2;
        if (n1 == 0 || n2 == 0)
        {
            return new MannWhitneyResult(0, 0, 1);
        }

        var ranks = Statistics.Ranks(first.Concat(second), RankDefinition.Average);
        var rankSum = ranks.Take(first.Count).Sum();
        var u = rankSum - n1 * (n1 + 1) / 2;

        // Each group of t tied values lowers the variance by (t³ − t) / (n (n − 1)) of its (n + 1).
        var ties = first.Concat(second).GroupBy(v => v).Select(g => (double)g.Count()).Where(t => t > 1).Sum(t => t * t * t - t);
        var variance = n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1)));
        var mean = n1 * n2 / 2;
        if (variance <= 0)
        {
            return new MannWhitneyResult(u, 0, 1); // every value the same: nothing to tell apart
        }

        var z = Math.Max(0, Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        var p = Math.Min(1, 2 * Normal.CDF(0, 1, -z));
        return new MannWhitneyResult(u, Math.Sign(u - mean) * z, p);
    }
}
