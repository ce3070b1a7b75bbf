using Surge.Execution;
using Surge.Execution.Watch;
using Surge.Metrics;
using Surge.Monitoring;
using Surge.Outcome;
using Surge.Plan;
using Surge.Timeline;
using Surge.Outputs;
using Surge.Execution.Timing;

namespace Surge.Run;

/// <summary>
/// Runs a <see cref="TestPlan"/>'s executors and publishes the run: every second it takes what the
/// VUs recorded and what the monitors sampled, appends them to the <see cref="RunTimeline"/> and hands
/// that second to the consumers; events go to them as they come. It judges nothing: thresholds are a
/// consumer, and <see cref="RunService"/> makes the summary's verdicts.
/// </summary>
internal sealed class TestRunner
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly TestPlan _plan;
    private readonly IReadOnlyList<ITestOutput> _outputs;
    private readonly RunClock _clock;
    private readonly TimeProvider _time;
    private readonly TestRunControl _control;
    private readonly RunEvents _events;
    private readonly List<TestEvent> _pending = [];

    public TestRunner(TestPlan plan, IReadOnlyList<ITestOutput> outputs, RunClock clock, TestRunControl control, RunEvents events)
    {
        _plan = plan;
        _outputs = outputs;
        _clock = clock;
        _time = clock.Time;
        _control = control;
        _events = events;
    }

    /// <summary>Runs the test to its end or until stopped; the summary has no verdicts yet.</summary>
    public async Task<(TestSummary Summary, RunTimeline Timeline)> RunAsync()
    {
        using var context = new RunContext(_clock, _plan, _control, _events);

        // The monitors' baseline (up to a second for a slow source) comes before the test's clock starts.
        using var monitors = new MonitorSet(_plan.Monitors, _time);
        if (!monitors.IsEmpty)
        {
            await monitors.StartAsync(n => _events.Publish(EventKind.Monitor, n));
        }

        // The consumers hear of the start first (the banner, the results file's first line), then the test's clock
        // starts: what telling them costs (the console's first line loads Spectre.Console's markup, about 12 ms) is
        // neither in the test's duration nor in its first second. The start time they are given is a few
        // milliseconds before the clock's zero.
        var startTime = _time.GetUtcNow();
        var start = new TestStart(_plan, startTime);
        Each(o => o.OnStart(start));
        var aggregator = new MetricAggregator(context.Recorder, _time);
        var timeline = RunTimeline.Start(startTime);
        var progress = _plan.Scenarios.Select(s => new ScenarioProgress(s)).ToArray();

        using var watch = new GeneratorWatch(_time);
        var gcBefore = GcCounts.Now();
        watch.Start();
        var scenarios = RunWorkAsync(context, progress);
        using var timer = new PeriodicTimer(Interval, _time);
        while (!scenarios.IsCompleted)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(tick, scenarios) != tick)
            {
                break;
            }

            var interval = aggregator.TakeInterval();
            var resources = monitors.IsEmpty ? [] : await monitors.SampleAsync(n => _events.Publish(EventKind.Monitor, n));
            var generator = WatchGenerator(watch);
            Notify(aggregator.Elapsed);
            timeline = Publish(timeline, interval, resources, generator, progress, isLast: false);
            Notify(aggregator.Elapsed); // what the consumers said of this second (a threshold crossed) comes right after it
        }

        var stopMessage = await scenarios;

        // The test ends with its work: finding the script lines of its errors and handing its last second to
        // the consumers (a file, the console) come after, and count neither in its duration nor in its rates.
        var last = aggregator.TakeInterval();
        var lastGenerator = WatchGenerator(watch);
        foreach (var each in progress)
        {
            await each.ErrorsLocatedAsync(TimeSpan.FromSeconds(5));
        }

        Notify(last.Elapsed);
        timeline = Publish(timeline, last, [], lastGenerator, progress, isLast: true);
        var summary = new TestSummary(
            startTime,
            last.Elapsed,
            _control.Reason ?? StopReason.Completed,
            _plan.Target,
            [.. progress.Select(Summarize)],
            aggregator.Totals,
            [])
        {
            StopMessage = stopMessage ?? context.AbortMessage,
            Generator = watch.Health with { Gc = GcCounts.Now() - gcBefore },
            Resources = monitors.Totals.Summaries(),
            FailReasons = context.FailReasons,
            LoadDuration = ScenarioProgress.LoadTimeOf(progress),
        };
        return (summary, timeline);
    }

    /// <summary>Appends the second to the timeline and hands it to every consumer.</summary>
    private RunTimeline Publish(RunTimeline timeline, IntervalSnapshot interval, IReadOnlyList<ResourceSample> resources, GeneratorSample generator, ScenarioProgress[] progress, bool isLast)
    {
        var series = new SeriesSecond[interval.Samples.Count];
        for (var i = 0; i < series.Length; i++)
        {
            series[i] = SeriesSecond.Of(interval.Samples[i].Series, interval.Samples[i].Values);
        }

        var second = new TimelineSecond(interval.Time, interval.Elapsed, interval.Length, series, resources, [.. _pending])
        {
            GeneratorCpuPercent = Math.Round(generator.CpuFraction * 100, 1),
        };
        _pending.Clear();
        timeline = timeline.Append(second);
        var run = new RunSecond(second, timeline, interval, progress, isLast);
        Each(o => o.OnSecond(run));
        return timeline;
    }

    /// <summary>Setup, the scenarios side by side, teardown; returns why the test could not run as written, if so.</summary>
    private async Task<string?> RunWorkAsync(RunContext context, ScenarioProgress[] progress)
    {
        if (_plan.Setup is { } setup && await RunHookAsync(context, "setup", setup, _control.HardStop) is { } failure)
        {
            return failure;
        }

        await Task.WhenAll(progress.Select(p => RunScenarioAsync(context, p)));

        // As k6: Teardown runs after an abort too (test data from Setup is cleaned up), but not when
        // the person running the test pressed Ctrl+C twice. It gets 60 s (k6's teardownTimeout).
        if (_plan.Teardown is { } teardown && !_control.StoppedHardByUser)
        {
            // Its 60 s, or until a second Ctrl+C during it (an abort, which runs it, does not end it).
            using var timeout = new CancellationTokenSource(PlanDefaults.TeardownTimeout, _time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _control.HardStopByUser);
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
            // On a thread of its own: a hook that blocks its thread (Thread.Sleep before its first await)
            // must not hold the runner, and one that will not stop is given up a moment after the stop.
            var work = Task.Run(async () => await hook(vu, stop), CancellationToken.None);
            if (!await EndsAfterStopAsync(work, stop))
            {
                return _control.StoppedHardByUser ? null : $"{name} did not finish in time, and its code blocks its thread so it could not be stopped";
            }

            await work;
            return null;
        }
        catch (TestAbortedException abort)
        {
            context.ScriptAborted(abort.Message);
            return abort.Message;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return _control.StoppedHardByUser ? null : $"{name} did not finish in time";
        }
#pragma warning disable CA1031 // Whatever the script throws becomes a script error (exit 107), not a crash.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var message = $"{name} failed: {IterationErrors.Describe(exception)}";
            _control.Abort(StopReason.ScriptError);
            _events.Publish(EventKind.ScriptError, message);
            return message;
        }
    }

    /// <summary>False when <paramref name="work"/> did not end within <see cref="StopWindow.AbandonAfter"/> of <paramref name="stop"/>.</summary>
    private async Task<bool> EndsAfterStopAsync(Task work, CancellationToken stop)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stop.Register(() => stopped.TrySetResult()))
        {
            if (await Task.WhenAny(work, stopped.Task) == work)
            {
                return true;
            }
        }

        return await Task.WhenAny(work, Task.Delay(StopWindow.AbandonAfter, _time, CancellationToken.None)) == work;
    }

    /// <summary>Takes the generator's second and says so when it starts or stops limiting the results; returns the second.</summary>
    private GeneratorSample WatchGenerator(GeneratorWatch watch)
    {
        var wasLimiting = watch.IsLimiting;
        var sample = watch.TakeSecond();
        if (watch.IsLimiting && !wasLimiting)
        {
            _events.Publish(EventKind.GeneratorLimited, "the load generator is saturated (CPU or timer lag for more than 3 s): results now describe Surge's limits, not the server's");
        }
        else if (!watch.IsLimiting && wasLimiting)
        {
            _events.Publish(EventKind.GeneratorRecovered, "the load generator has capacity again");
        }

        return sample;
    }

    /// <summary>Stamps the queued events with the test's clock and hands them on; they join the next second.</summary>
    private void Notify(TimeSpan elapsed)
    {
        while (_events.TryTake(out var notice))
        {
            var testEvent = new TestEvent(notice.Kind, elapsed, notice.Message);
            _pending.Add(testEvent);
            Each(o => o.OnEvent(testEvent));
        }
    }

    private async Task RunScenarioAsync(RunContext context, ScenarioProgress progress)
    {
        // Off the runner's flow: making 25,000 VUs takes seconds, and the live lines must show them coming.
        await Task.Yield();
        var options = progress.Scenario.Executor;
        if (options.StartTime > TimeSpan.Zero)
        {
            await Task.WhenAny(Task.Delay(options.StartTime, _time, _control.GracefulStop));
            if (_control.GracefulStop.IsCancellationRequested)
            {
                return;
            }
        }

        using var run = new ScenarioRun(context, progress.Scenario, progress); // an abandoned VU's objects stay alive (see its Dispose)
        progress.Started(_time);
        try
        {
            await options.CreateExecutor(run).RunAsync(_control.GracefulStop, _control.HardStop);
        }
        finally
        {
            progress.Ended();
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
        LoadTime = progress.LoadTime,
    };

    private void Each(Action<ITestOutput> action)
    {
        foreach (var output in _outputs)
        {
            action(output);
        }
    }
}
