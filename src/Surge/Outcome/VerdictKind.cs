namespace Surge.Outcome;

/// <summary>What a diagnosis concluded; several can hold at once (a bottleneck with a throughput limit).</summary>
[Flags]
internal enum VerdictKind
{
    /// <summary>Nothing could be said (no load was recorded).</summary>
    None = 0,

    /// <summary>A monitored resource stayed at its limit.</summary>
    Bottleneck = 1,

    /// <summary>TPS stopped following the load, or an open model fell short of its rate.</summary>
    ThroughputLimit = 2,

    /// <summary>The load generator itself was the limit: the numbers are Surge's, not the server's.</summary>
    GeneratorLimited = 4,

    /// <summary>Errors dominate: the system is failing, not slow.</summary>
    Failing = 8,

    /// <summary>Nothing monitored saturated and TPS followed the load.</summary>
    NoLimitReached = 16,

    /// <summary>No server was monitored, so no resource can be named.</summary>
    NoMonitors = 32,
}
