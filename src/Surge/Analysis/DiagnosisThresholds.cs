namespace Surge.Analysis;

/// <summary>The limits the diagnosis judges by, in one place; docs/analysis.md lists the same.</summary>
internal static class DiagnosisThresholds
{
    /// <summary>A resource at or above this share of its capacity counts as at its limit.</summary>
    public const double Saturated = 0.90;

    /// <summary>How many seconds in a row a resource must stay at its limit before it is named.</summary>
    public const int SustainedSeconds = 3;

    /// <summary>Swap use counts as growing when it grew by at least this much each second.</summary>
    public const long SwapGrowthBytes = 1024 * 1024;

    /// <summary>Network traffic above a standard link speed by this share still counts as that link (counters are sampled, not exact).</summary>
    public const double LinkOvershoot = 0.05;

    /// <summary>Linux's default ephemeral port range, 32768–60999: outgoing connections a host can hold to one address and port.</summary>
    public const int EphemeralPorts = 28_232;

    /// <summary>Standard Ethernet link speeds, bits per second: traffic near one of them is taken as that link full.</summary>
    public static readonly IReadOnlyList<double> LinkBitsPerSecond = [100e6, 1e9, 2.5e9, 10e9, 25e9, 40e9, 100e9];

    /// <summary>The load must rise by at least this share after the knee for a plateau to count.</summary>
    public const double LoadRise = 0.20;

    /// <summary>TPS counts as having stopped following the load when it rose by less than this share of the load's rise.</summary>
    public const double TpsFollowShare = 0.25;

    /// <summary>The knee is where TPS first reached this share of its plateau.</summary>
    public const double KneeShare = 0.95;

    /// <summary>Latency counts as having climbed when the last seconds' p95 is at least this multiple of the knee's.</summary>
    public const double LatencyClimb = 1.25;

    /// <summary>An open model fell short when it achieved less than this share of its configured rate.</summary>
    public const double RateShortfall = 0.95;

    /// <summary>Errors dominate at or above this share of requests.</summary>
    public const double Failing = 0.50;

    /// <summary>A response this large (bytes, on average per endpoint) counts as a large file.</summary>
    public const double LargeResponseBytes = 64 * 1024;

    /// <summary>Large responses dominate when they carry at least this share of the bytes received.</summary>
    public const double LargeBytesShare = 0.50;

    /// <summary>The fewest seconds with load that a throughput limit is judged on.</summary>
    public const int FewestSeconds = 6;
}
