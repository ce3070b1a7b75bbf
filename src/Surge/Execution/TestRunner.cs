using Surge.Execution.Watch;
using Surge.Metrics;
using Surge.Monitoring;
using Surge.Scenarios;
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
        using var context = new RunContext(_time, _plan, Control);

        // The monitors' baseline (up to a second for a slow source) comes before the test's clock starts.
        using var monitors = new MonitorSet(_plan.Monitors, _time);
        if (!monitors.IsEmpty)
        {
            await monitors.StartAsync(n => context.Notices.Enqueue(("monitor", n)));
        }

        var aggregator = new MetricAggregator(context.Recorder, _time);
        var startTime = _time.GetUtcNow();
        var progress = _plan.Scenarios.Select(s => new ScenarioProgress(s)).ToArray();
        var start = new TestStart(_plan, startTime);
        Each(o => o.OnStart(start));

        using var watch = new GeneratorWatch(_time);
        var gcBefore = GcCounts.Now();
        watch.Start();
        var scenarios = RunWorkAsync(context, progress);
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
            var resources = monitors.IsEmpty ? [] : await monitors.SampleAsync(n => context.Notices.Enqueue(("monitor", n)));
            WatchGenerator(watch, context);
            Notify(context, aggregator.Elapsed);
            Each(o => o.OnResources(interval.Elapsed, resources));
            Each(o => o.OnInterval(interval, progress));
            if (++ticks % 2 == 0)
            {
                CheckThresholds(aggregator, failedSoFar);
            }
        }

        var stopMessage = await scenarios;
        foreach (var each in progress)
        {
            await each.ErrorsLocatedAsync(TimeSpan.FromSeconds(5));
        }

        var last = aggregator.TakeInterval();
        WatchGenerator(watch, context);
        Notify(context, aggregator.Elapsed);
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
            results)
        {
            StopMessage = stopMessage ?? context.AbortMessage,
            Generator = watch.Health with { Gc = GcCounts.Now() - gcBefore },
            Resources = monitors.Totals.Summaries(),
            FailReasons = context.FailReasons,
        };
        Each(o => o.OnEnd(summary));
        return summary;
    }

    /// <summary>Setup, the scenarios side by side, teardown; returns why the test could not run as written, if so.</summary>
    private async Task<string?> RunWorkAsync(RunContext context, ScenarioProgress[] progress)
    {
        if (_plan.Setup is { } setup && await RunHookAsync(context, "setup", setup, Control.HardStop) is { } failure)
        {
            return failure;
        }

        await Task.WhenAll(progress.Select(p => RunScenarioAsync(context, p)));

        // As k6: Teardown runs after an abort too (test data from Setup is cleaned up), but not when
        // the person running the test pressed Ctrl+C twice. It gets 60 s (k6's teardownTimeout).
        if (_plan.Teardown is { } teardown && !Control.StoppedHardByUser)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60), _time);
            return await RunHookAsync(context, "teardown", teardown, limit.Token);
        }

        return null;
    }

    /// <summary>Runs Setup or Teardown on a VU of its own (id 0, tagged <c>group=::setup</c>); returns the failure, if any.</summary>
    private async Task<string?> RunHookAsync(RunContext context, string name, IterationFunc hook, CancellationToken stop)
    {
        using var vu = new Vu(0, 0, name, context, TagSet.Of("group", "::" + name), context.Env) { Cancellation = stop };
        using var abortOnStop = stop.Register(vu.Session.Abort); // a request in flight ends at once, not at its timeout
        vu.Enter();
        try
        {
            await hook(vu, stop);
            return null;
        }
        catch (TestAbortedException abort)
        {
            context.ScriptAborted(abort.Message);
            return abort.Message;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Control.StoppedHardByUser ? null : $"{name} did not finish in time";
        }
#pragma warning disable CA1031 // Whatever the script throws becomes a script error (exit 107), not a crash.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var message = $"{name} failed: {IterationError.Describe(exception)}";
            Control.Abort(StopReason.ScriptError);
            context.Notices.Enqueue(("script_error", message));
            return message;
        }
    }

    /// <summary>Takes the generator's second and says so when it starts or stops limiting the results.</summary>
    private static void WatchGenerator(GeneratorWatch watch, RunContext context)
    {
        var wasLimiting = watch.IsLimiting;
        watch.TakeSecond();
        if (watch.IsLimiting && !wasLimiting)
        {
            context.Notices.Enqueue(("generator_limited", "the load generator is saturated (CPU or timer lag for more than 3 s): results now describe Surge's limits, not the server's"));
        }
        else if (!watch.IsLimiting && wasLimiting)
        {
            context.Notices.Enqueue(("generator_recovered", "the load generator has capacity again"));
        }
    }

    private void Notify(RunContext context, TimeSpan elapsed)
    {
        while (context.Notices.TryDequeue(out var notice))
        {
            var testEvent = new TestEvent(notice.Kind, elapsed, notice.Message);
            Each(o => o.OnEvent(testEvent));
        }
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
        progress.Started(_time);
        try
        {
            await options.CreateExecutor(run).RunAsync(Control.GracefulStop, Control.HardStop);
        }
        finally
        {
            progress.Ended();
        }
    }

    private void CheckThresholds(MetricAggregator aggregator, HashSet<ThresholdDefinition> failedSoFar)
    {
        var elapsed = aggregator.Elapsed;
        foreach (var result in ThresholdEvaluator.Evaluate(_plan.Thresholds, aggregator.Totals, elapsed, final: false))
        {
            if (result.Passed || !failedSoFar.Add(result.Definition))
            {
                continue;
            }

            var definition = result.Definition;
            var message = $"threshold '{definition.MetricKey}:{definition.Expression}' crossed (observed {result.Observed:0.###})";
            Each(o => o.OnEvent(new TestEvent("threshold_failed", elapsed, message)));
            if (definition.AbortOnFail && elapsed >= definition.DelayAbortEval)
            {
                if (Control.Abort(StopReason.ThresholdAborted))
                {
                    Each(o => o.OnEvent(new TestEvent("aborted", elapsed, $"test aborted: {message} and it has abortOnFail")));
                }
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
        progress.Errors)
    {
        DroppedIterations = progress.DroppedIterations,
        ExpectedIterations = progress.ExpectedIterations,
        PlannedDuration = progress.Scenario.Executor.PlannedDuration,
        OpenModel = progress.Scenario.Executor.IsOpenModel,
        Ran = progress.Elapsed,
    };

    private void Each(Action<ITestOutput> action)
    {
        foreach (var output in _outputs)
        {
            action(output);
        }
    }
}
