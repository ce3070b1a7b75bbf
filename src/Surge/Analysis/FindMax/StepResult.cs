using Surge.Monitoring;
using Surge.Outcome;

namespace Surge.Analysis.FindMax;

/// <summary>One find-max step: the level run, what was measured, and the verdict with its reasons.</summary>
/// <param name="Number">The step's number, from 1.</param>
/// <param name="Level">The offered rate (iterations per second) or the VUs.</param>
/// <param name="Verdict">Whether the level was sustained within the goals.</param>
/// <param name="Reasons">Why it failed, or why the generator was the limit or the step stopped; empty when it passed.</param>
internal sealed record StepResult(int Number, double Level, StepVerdict Verdict, IReadOnlyList<string> Reasons)
{
    /// <summary>True for the confirmation step that holds the found level.</summary>
    public bool Hold { get; init; }

    /// <summary>Responses per second while the load ran (the steady seconds of the step).</summary>
    public double Tps { get; init; }

    /// <summary>Iterations completed per second over the same seconds.</summary>
    public double IterationRate { get; init; }

    /// <summary>Latency in ms: mean, median, p95, p99 (from the intended start in the open model).</summary>
    public double MeanMs { get; init; }

    /// <summary>Median latency in ms.</summary>
    public double P50Ms { get; init; }

    /// <summary>95th percentile latency in ms.</summary>
    public double P95Ms { get; init; }

    /// <summary>99th percentile latency in ms.</summary>
    public double P99Ms { get; init; }

    /// <summary>The fraction of requests that failed.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Requests sent.</summary>
    public long Requests { get; init; }

    /// <summary>Open model: iterations that found no free VU.</summary>
    public long Dropped { get; init; }

    /// <summary>Requests in flight on average: VUs (closed model) or throughput × mean latency (Little's law).</summary>
    public double Concurrency { get; init; }

    /// <summary>Each monitored target over the step: CPU average and peak, memory peak.</summary>
    public IReadOnlyList<ResourceSummary> Resources { get; init; } = [];

    /// <summary>The step's summary, as <c>surge run</c> would have printed it; null for a simulated step.</summary>
    public TestSummary? Summary { get; init; }

    /// <summary>True when the step passed.</summary>
    public bool Passed => Verdict == StepVerdict.Passed;
}
