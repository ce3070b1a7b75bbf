namespace Surge.Analysis;

/// <summary>A place where a series changed for good: the mean before it differs from the mean after it.</summary>
/// <param name="Index">The first value of the new level (0-based).</param>
/// <param name="MeanBefore">The mean from the previous change point (or the start) up to <paramref name="Index"/>.</param>
/// <param name="MeanAfter">The mean from <paramref name="Index"/> up to the next change point (or the end).</param>
/// <param name="PValue">The permutation test's p-value when the split was accepted.</param>
internal sealed record ChangePoint(int Index, double MeanBefore, double MeanAfter, double PValue)
{
    /// <summary>The change of the mean in percent of the mean before; infinite when that was 0.</summary>
    public double ChangePercent => MeanBefore == 0
        ? (MeanAfter == 0 ? 0 : double.PositiveInfinity * Math.Sign(MeanAfter))
        : (MeanAfter - MeanBefore) / Math.Abs(MeanBefore) * 100;
}
