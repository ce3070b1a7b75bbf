namespace Surge.Thresholds;

/// <summary>A threshold with the value observed and whether it passed.</summary>
/// <param name="Definition">The threshold.</param>
/// <param name="Observed">The aggregated value (ms for time trends, a fraction for rates).</param>
/// <param name="Passed">Whether the threshold held.</param>
public sealed record ThresholdResult(ThresholdDefinition Definition, double Observed, bool Passed);
