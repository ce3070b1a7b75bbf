using Surge.Execution;
using Surge.Metrics;
using Surge.Timeline;

namespace Surge.Outputs;

/// <summary>What a consumer is handed each second: the new second, the timeline it ends, and the engine's live view.</summary>
/// <remarks>
/// <see cref="Live"/> holds the same values as <see cref="Second"/> with the histograms not encoded: a
/// consumer that reads percentiles every second (the live line, thresholds) reads them there instead of
/// decoding histograms, which would cost the load generator CPU every second. It is reused for the next
/// second: copy (or <see cref="MetricAggregate.Add"/>) what you keep; keep <see cref="Second"/> as it is.
/// </remarks>
/// <param name="Second">The second, as the timeline keeps it.</param>
/// <param name="Timeline">The run so far, this second included.</param>
/// <param name="Live">The engine's aggregates of this second; valid only during the call.</param>
/// <param name="Progress">Each scenario's VUs and iterations now.</param>
/// <param name="IsLast">True for the run's last second (taken after every scenario ended).</param>
internal sealed record RunSecond(
    TimelineSecond Second,
    RunTimeline Timeline,
    IntervalSnapshot Live,
    IReadOnlyList<ScenarioProgress> Progress,
    bool IsLast);
