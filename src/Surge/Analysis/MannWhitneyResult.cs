namespace Surge.Analysis;

/// <summary>The outcome of a two-sided Mann–Whitney U test of two samples.</summary>
/// <param name="U">The U statistic of the first sample: how many (first, second) pairs the first wins, ties counting half.</param>
/// <param name="Z">The normal approximation's z, continuity-corrected; 0 when the samples cannot be told apart.</param>
/// <param name="PValue">The two-sided p-value, 0–1.</param>
internal sealed record MannWhitneyResult(double U, double Z, double PValue)
{
    /// <summary>True when the p-value is below <paramref name="alpha"/>.</summary>
    public bool IsSignificant(double alpha) => PValue < alpha;
}
