using Surge.Metrics;
using Surge.Summary;
using Surge.Thresholds;

namespace Surge.Execution;

/// <summary>
/// Runs a <see cref="TestPlan"/>: starts every scenario's executor, takes an interval snapshot
/// each second and hands it to the outputs, checks thresholds every 2 s (abortOnFail), and at
/// the end builds the <see cref="TestSummary"/> from the same intervals.
/// </summary>
public sealed class TestRunner
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly TestPlan _plan;
    private readonly IReadOnlyList<ITestOutput> _outputs;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner.</summary>
    public TestRunner(TestPlan plan, IReadOnlyList<ITestOutput> outputs, TimeProvider? time = null)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _outputs = outputs ?? throw new ArgumentNullException(nameof(outputs));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Stops the run from outside (signals).</summary>
    public TestRunControl Control { get; } = new();

    /// <summary>Runs the test to its end or until stopped, and returns its summary.</summary>
    public async Task<TestSummary> RunAsync()
    {
        using var context = new RunContext(_time, _plan.Http);
        var aggregator = new MetricAggregator(context.Recorder, _time);
        var startTime = _time.GetUtcNow();
        var progress = _plan.Scenarios.Select(s => new ScenarioProgress(s)).ToArray();
        var start = new TestStart(_plan, startTime);
        Each(o => o.OnStart(start));

        var scenarios = Task.WhenAll(progress.Select(p => RunScenarioAsync(context, p)));
        using var timer = new PeriodicTimer(Interval, _time);
        var ticks = 0;
        var failedSoFar = new HashSet<ThresholdDefinition>();
        while (!scenarios.IsCompleted)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(tick, scenarios) != tick)
            {
                break;
            }

            var interval = aggregator.TakeInterval();
            Each(o => o.OnInterval(interval, progress));
            if (++ticks % 2 == 0)
            {
                CheckThresholds(aggregator, failedSoFar);
            }
        }

        await scenarios;
        var last = aggregator.TakeInterval();
        Each(o => o.OnInterval(last, progress));
        var duration = aggregator.Elapsed;
        var results = ThresholdEvaluator.Evaluate(_plan.Thresholds, aggregator.Totals, duration);
        var summary = new TestSummary(
            startTime,
            duration,
            Control.Reason ?? StopReason.Completed,
            _plan.Target,
            [.. progress.Select(Summarize)],
            aggregator.Totals,
            results);
        Each(o => o.OnEnd(summary));
        return summary;
    }

    private async Task RunScenarioAsync(RunContext context, ScenarioProgress progress)
    {
        var options = progress.Scenario.Executor;
        if (options.StartTime > TimeSpan.Zero)
        {
            await Task.WhenAny(Task.Delay(options.StartTime, _time, Control.GracefulStop));
            if (Control.GracefulStop.IsCancellationRequested)
            {
                return;
            }
        }

        using var run = new ScenarioRun(context, progress.Scenario, progress);
        await options.CreateExecutor(run).RunAsync(Control.GracefulStop, Control.HardStop);
    }

    private void CheckThresholds(MetricAggregator aggregator, HashSet<ThresholdDefinition> failedSoFar)
    {
        var elapsed = aggregator.Elapsed;
        foreach (var result in ThresholdEvaluator.Evaluate(_plan.Thresholds, aggregator.Totals, elapsed))
        {
            if (result.Passed || !failedSoFar.Add(result.Definition))
            {
                continue;
            }

            var definition = result.Definition;
            var message = $"threshold '{definition.MetricKey}:{definition.Expression}' crossed (observed {result.Observed:0.###})";
            Each(o => o.OnEvent(new TestEvent("threshold_failed", elapsed, message)));
            if (definition.AbortOnFail && elapsed >= definition.DelayAbortEval && Control.Reason is null)
            {
                Control.Abort(StopReason.ThresholdAborted);
                Each(o => o.OnEvent(new TestEvent("aborted", elapsed, $"test aborted: {message} and it has abortOnFail")));
            }
            else if (definition.AbortOnFail && elapsed < definition.DelayAbortEval)
            {
                failedSoFar.Remove(definition); // look again once the delay is over
            }
        }
    }

    private static ScenarioSummary Summarize(ScenarioProgress progress) => new(
        progress.Scenario.Name,
        progress.Scenario.Executor.ExecutorName,
        progress.Scenario.Executor.Describe(),
        progress.CompletedIterations,
        progress.InterruptedIterations,
        progress.FailedIterations,
        progress.FirstError);

    private void Each(Action<ITestOutput> action)
    {
        foreach (var output in _outputs)
        {
            action(output);
        }
    }
}
