namespace Surge.Analysis;

/// <summary>One figure of two runs side by side, with its change and verdict.</summary>
/// <param name="Key">Group and name.</param>
/// <param name="Unit">What the numbers count.</param>
/// <param name="HigherIsBetter">The figure's good direction.</param>
/// <param name="Before">The BEFORE run's whole-run value; null when it has none.</param>
/// <param name="After">The AFTER run's whole-run value; null when it has none.</param>
/// <param name="Verdict">Better, worse, no significant change, or untested.</param>
/// <param name="PValue">The Mann–Whitney p-value of the per-second series; null when untested.</param>
internal sealed record ComparisonRow(FigureKey Key, FigureUnit Unit, bool HigherIsBetter, double? Before, double? After, Verdict Verdict, double? PValue)
{
    /// <summary>
    /// The change from BEFORE to AFTER in percent of BEFORE; 0 when both are 0, infinite when only BEFORE
    /// is 0, null when a side has no value.
    /// </summary>
    public double? ChangePercent => (Before, After) switch
    {
        ({ } before, { } after) when before == after => 0,
        ({ } before, { } after) when before == 0 => after > 0 ? double.PositiveInfinity : double.NegativeInfinity,
        ({ } before, { } after) => (after - before) / Math.Abs(before) * 100,
        _ => null,
    };
}
