namespace Surge.Analysis;

/// <summary>One whole-run number of a run, as the comparison shows it.</summary>
/// <param name="Key">Group and name.</param>
/// <param name="Unit">What the number counts.</param>
/// <param name="HigherIsBetter">True for throughput; false for latency, errors and resource use.</param>
/// <param name="Value">The number; null when the run has no such value (memory average without a timeline).</param>
internal sealed record RunFigure(FigureKey Key, FigureUnit Unit, bool HigherIsBetter, double? Value);
