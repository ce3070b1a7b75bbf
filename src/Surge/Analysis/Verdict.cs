namespace Surge.Analysis;

/// <summary>What a comparison says of one figure.</summary>
internal enum Verdict
{
    /// <summary>No significant change (benchstat's "~"): the per-second series cannot be told apart at α.</summary>
    Same,

    /// <summary>Significantly better, in the figure's direction (higher TPS, lower latency).</summary>
    Better,

    /// <summary>Significantly worse.</summary>
    Worse,

    /// <summary>Not tested ("~?"): a side has no per-second series (a history run without its results file), or the figure is missing on one side.</summary>
    Untested,
}
