using Surge.Configuration;
using Surge.Thresholds;

namespace Surge.Analysis.FindMax;

/// <summary>
/// The goals a find-max search can work with. It raises the load until a step fails, so a step's goal
/// must be one that more load breaks: latency under a limit, an error rate under a limit, checks passing
/// above a rate. A throughput goal (<c>tps&gt;=2000</c>) is no step's goal, as every step below it would
/// fail: it is the target the found maximum is held against (reached or not).
/// </summary>
internal static class FindMaxGoals
{
    private static readonly HashSet<string> TimeMetrics = new(StringComparer.Ordinal)
    {
        "http_req_duration", "http_req_waiting", "http_req_service_time", "http_req_blocked", "http_req_connecting",
        "http_req_tls_handshaking", "http_req_sending", "http_req_receiving", "iteration_duration",
    };

    /// <summary>True for a throughput target (<c>tps&gt;=N</c>): checked against the found maximum, not per step.</summary>
    public static bool IsThroughputTarget(ThresholdDefinition goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return goal is { MetricName: "http_reqs", Aggregation: "rate" };
    }

    /// <summary>Fails when find-max cannot search on <paramref name="threshold"/>: one line naming it and what works.</summary>
    /// <exception cref="ConfigException">The threshold is not one more load breaks, or a throughput goal with the wrong sense.</exception>
    public static void EnsureSearchable(ThresholdDefinition threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        var label = threshold.Goal is { } goal ? $"goal '{goal}'" : $"threshold '{threshold.MetricKey}:{threshold.Expression}'";
        var upper = threshold.Operator is ThresholdOperator.Less or ThresholdOperator.LessOrEqual;
        var lower = threshold.Operator is ThresholdOperator.Greater or ThresholdOperator.GreaterOrEqual;
        if (IsThroughputTarget(threshold))
        {
            if (!lower)
            {
                throw new ConfigException($"find-max cannot search on {label}: it looks for the most throughput, so a throughput goal is a target to reach, e.g. tps>=2000");
            }

            return;
        }

        var searchable = threshold switch
        {
            _ when TimeMetrics.Contains(threshold.MetricName) && threshold.Aggregation is not ("count" or "rate" or "value") => upper,
            { MetricName: "http_req_failed", Aggregation: "rate" } => upper,
            { MetricName: "checks", Aggregation: "rate" } => lower,
            _ => false,
        };
        if (!searchable)
        {
            throw new ConfigException(
                $"find-max cannot search on {label}: it raises the load until a goal fails, so each goal must be one more load breaks: "
                + "latency under a limit (p95<800ms), errors under a rate (errors<1%), checks above a rate, or tps>=N as the target to reach");
        }
    }
}
