using System.Globalization;
using Surge.Outcome;
using Surge.Thresholds;

namespace Surge.Analysis.FindMax;

/// <summary>
/// Turns one step's run into a <see cref="StepResult"/>: what it measured, and whether the system
/// sustained the level within the goals. A step fails when a goal fails, the iterations completed fall
/// below 95 % of the offered rate (open model) or the throughput stops following the VUs (closed
/// model), iterations are dropped, or errors jump above the first step's. When the generator was the
/// limit the step is not the server's failure: it says so, and the search stops.
/// </summary>
internal static class StepJudge
{
    /// <summary>The share of the offered rate a step must keep up with.</summary>
    public const double KeptUp = 0.95;

    /// <summary>Closed model: the share of the added VUs that must show as added throughput.</summary>
    public const double FollowsVus = 0.5;

    /// <summary>Errors jump when their rate rises by more than this (1 percentage point) and at least doubles.</summary>
    public const double ErrorJump = 0.01;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Judges a step.</summary>
    /// <param name="number">The step's number.</param>
    /// <param name="level">The level it ran.</param>
    /// <param name="model">Whether the level is a rate or VUs.</param>
    /// <param name="outcome">What the run measured.</param>
    /// <param name="below">The highest passing step below this level, if any (the closed model's throughput is held against it).</param>
    /// <param name="baselineErrorRate">The first step's error rate: errors jump against it.</param>
    public static StepResult Judge(int number, double level, LoadModel model, RunOutcome outcome, StepResult? below, double? baselineErrorRate)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var summary = outcome.Summary;
        var window = StepWindow.Of(outcome);
        var latency = summary.Metric("http_req_duration") is { IsEmpty: false } requests ? requests : summary.Metric("iteration_duration");
        var failedRequests = summary.Metric("http_req_failed");
        var meanMs = latency.MeanMicros / 1000;
        var measured = new StepResult(number, level, StepVerdict.Passed, [])
        {
            Tps = window.Tps,
            IterationRate = window.IterationRate,
            MeanMs = meanMs,
            P50Ms = latency.IsEmpty ? 0 : latency.PercentileMicros(50) / 1000,
            P95Ms = latency.IsEmpty ? 0 : latency.PercentileMicros(95) / 1000,
            P99Ms = latency.IsEmpty ? 0 : latency.PercentileMicros(99) / 1000,
            ErrorRate = failedRequests.Rate,
            Requests = failedRequests.Count,
            Dropped = summary.Scenarios.Sum(s => s.DroppedIterations),
            Concurrency = model == LoadModel.Closed ? level : window.Tps * meanMs / 1000,
            Resources = summary.Resources,
            Summary = summary,
        };

        if (summary.StopReason is not (StopReason.Completed or StopReason.ThresholdAborted))
        {
            var why = summary.StopReason == StopReason.Interrupted ? "stopped by Ctrl+C" : summary.StopMessage ?? $"stopped: {summary.StopReason}";
            return measured with { Verdict = StepVerdict.Stopped, Reasons = [why] };
        }

        if (summary.Generator.Verdict is { } generator)
        {
            return measured with { Verdict = StepVerdict.GeneratorLimited, Reasons = [generator] };
        }

        var reasons = new List<string>();
        foreach (var threshold in summary.Thresholds.Where(t => !t.Passed))
        {
            var label = threshold.Definition.Goal ?? $"{threshold.Definition.MetricKey}:{threshold.Definition.Expression}";
            reasons.Add(threshold.NoSamples ? $"{label} had no samples" : $"{label} failed ({Observed(threshold)})");
        }

        if (model == LoadModel.Open)
        {
            if (window.IterationRate < KeptUp * level)
            {
                reasons.Add($"completed {Number(window.IterationRate)}/s of {Number(level)}/s offered ({Percent(window.IterationRate / level)})");
            }

            if (measured.Dropped > 0)
            {
                reasons.Add($"{measured.Dropped} iterations dropped (no free VU)");
            }
        }
        else if (below is not null && below.Tps > 0)
        {
            var wanted = FollowsVus * (level / below.Level - 1);
            var gained = window.Tps / below.Tps - 1;
            if (gained < wanted)
            {
                reasons.Add($"throughput {Number(window.Tps)}/s at {Number(level)} VUs did not follow the VUs ({Number(below.Tps)}/s at {Number(below.Level)})");
            }
        }

        if (baselineErrorRate is { } baseline && measured.ErrorRate > baseline + ErrorJump && measured.ErrorRate > 2 * baseline)
        {
            reasons.Add($"errors jumped to {Percent(measured.ErrorRate)} (first step {Percent(baseline)})");
        }

        return reasons.Count == 0 ? measured : measured with { Verdict = StepVerdict.Failed, Reasons = reasons };
    }

    private static string Observed(ThresholdResult result) => result.Definition switch
    {
        { Aggregation: "rate", MetricName: "http_reqs" } => Number(result.Observed) + "/s",
        { Aggregation: "rate" } => Percent(result.Observed),
        { Aggregation: "count" or "value" } => Number(result.Observed),
        _ => Number(result.Observed) + "ms",
    };

    private static string Number(double value) => value.ToString(value < 10 ? "0.##" : "0.#", Invariant);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", Invariant) + "%";
}
