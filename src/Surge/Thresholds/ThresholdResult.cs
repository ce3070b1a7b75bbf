namespace Surge.Thresholds;

/// <summary>A threshold with the value observed and whether it passed.</summary>
/// <param name="Definition">The threshold.</param>
/// <param name="Observed">The aggregated value (ms for time trends, a fraction for rates).</param>
/// <param name="Passed">Whether the threshold held.</param>
internal sealed record ThresholdResult(ThresholdDefinition Definition, double Observed, bool Passed)
{
    /// <summary>
    /// No sample matched the threshold's metric and tags (no request at all, a misspelt tag, a scenario
    /// that did not run): there is nothing to hold against the limit, and at the end of a test that fails it.
    /// </summary>
    public bool NoSamples { get; init; }
}
