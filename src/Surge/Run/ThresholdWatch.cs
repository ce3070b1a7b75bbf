using Surge.Execution;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Thresholds;
using Surge.Timeline;
using Surge.Outputs;

namespace Surge.Run;

/// <summary>
/// Thresholds and goals as one more consumer of the run's seconds, as k6's metrics engine does it:
/// it keeps the totals of the metrics the thresholds name, checks them every
/// <see cref="CheckEvery"/> seconds while the test runs (a crossing is said once; abortOnFail stops
/// the test), and gives the verdicts at the end.
/// </summary>
internal sealed class ThresholdWatch : ITestOutput
{
    /// <summary>How often thresholds are checked while the test runs (k6 checks every 2 s).</summary>
    public const int CheckEvery = 2;

    private readonly IReadOnlyList<ThresholdDefinition> _thresholds;
    private readonly HashSet<string> _metrics;
    private readonly MetricTotals _totals = new();
    private readonly HashSet<ThresholdDefinition> _failedSoFar = [];
    private readonly RunEvents _events;
    private readonly Func<StopReason, bool> _abort;
    private int _seconds;

    /// <summary>Creates the watch.</summary>
    /// <param name="thresholds">The thresholds and goals to check.</param>
    /// <param name="events">Where a crossing and an abort are said.</param>
    /// <param name="abort">Stops the test; true when this abort is its stop reason.</param>
    public ThresholdWatch(IReadOnlyList<ThresholdDefinition> thresholds, RunEvents events, Func<StopReason, bool> abort)
    {
        _thresholds = thresholds;
        _metrics = thresholds.Select(t => t.MetricName).ToHashSet(StringComparer.Ordinal);
        _events = events;
        _abort = abort;
    }

    /// <summary>The verdicts on everything the run recorded; a <c>tps</c> goal counts over <paramref name="loadTime"/>.</summary>
    public IReadOnlyList<ThresholdResult> Verdicts(TimeSpan duration, TimeSpan? loadTime = null) =>
        ThresholdEvaluator.Evaluate(_thresholds, _totals, duration, loadTime: loadTime);

    /// <inheritdoc />
    public void OnStart(TestStart start)
    {
    }

    /// <inheritdoc />
    public void OnSecond(RunSecond second)
    {
        foreach (var sample in second.Live.Samples)
        {
            if (_metrics.Contains(sample.Series.Metric.Name))
            {
                _totals.Add(sample.Series, sample.Values);
            }
        }

        // The last second is judged by the verdicts, not by a check in flight.
        if (!second.IsLast && ++_seconds % CheckEvery == 0)
        {
            Check(second.Second.Elapsed, ScenarioProgress.LoadTimeOf(second.Progress));
        }
    }

    /// <inheritdoc />
    public void OnEvent(TestEvent testEvent)
    {
    }

    /// <inheritdoc />
    public void OnEnd(TestSummary summary)
    {
    }

    /// <param name="elapsed">The test's time so far.</param>
    /// <param name="loadTime">The load's time so far, which a <c>tps</c> goal counts over, as at the end: VU start-up is not throughput.</param>
    private void Check(TimeSpan elapsed, TimeSpan loadTime)
    {
        foreach (var result in ThresholdEvaluator.Evaluate(_thresholds, _totals, elapsed, final: false, loadTime: loadTime))
        {
            if (result.Passed || !_failedSoFar.Add(result.Definition))
            {
                continue;
            }

            var definition = result.Definition;
            var message = $"threshold '{definition.MetricKey}:{definition.Expression}' crossed (observed {result.Observed:0.###})";
            _events.Publish(EventKind.ThresholdFailed, message);
            if (definition.AbortOnFail && elapsed >= definition.DelayAbortEval)
            {
                if (_abort(StopReason.ThresholdAborted))
                {
                    _events.Publish(EventKind.Aborted, $"test aborted: {message} and it has abortOnFail");
                }
            }
            else if (definition.AbortOnFail)
            {
                _failedSoFar.Remove(definition); // look again once the delay is over
            }
        }
    }
}
