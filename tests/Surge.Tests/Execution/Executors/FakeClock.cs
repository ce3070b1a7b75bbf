using Microsoft.Extensions.Time.Testing;
using Surge.Execution;
using Surge.Outcome;
using Surge.Run;

namespace Surge.Tests.Execution.Executors;

/// <summary>
/// Runs a test plan on a fake clock: time moves only when the test advances it, in small steps, so
/// executor timing is checked without waiting for real seconds.
/// </summary>
internal static class FakeClock
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    /// <summary>Runs <paramref name="scenarios"/> to their end, advancing the clock <see cref="Step"/> at a time.</summary>
    public static Task<TestSummary> RunAsync(FakeTimeProvider time, params Scenario[] scenarios) => RunAsync(time, [], scenarios);

    /// <summary>Runs <paramref name="scenarios"/> to their end with <paramref name="outputs"/> watching.</summary>
    public static async Task<TestSummary> RunAsync(FakeTimeProvider time, IReadOnlyList<Surge.Outputs.ITestOutput> outputs, params Scenario[] scenarios)
    {
        var run = RunService.RunAsync(new TestPlan { Scenarios = scenarios }, outputs, time: time);
        var limit = scenarios.Max(s => s.Executor.TotalDuration) + TimeSpan.FromSeconds(5);
        await SettleAsync(); // the scenarios start off the runner's flow: at time zero, before the clock moves
        for (var advanced = TimeSpan.Zero; !run.IsCompleted && advanced < limit; advanced += Step)
        {
            time.Advance(Step);
            await SettleAsync();
        }

        Assert.True(run.IsCompleted, $"the run did not end within {limit} of fake time");
        return (await run).Summary;
    }

    /// <summary>An iteration that takes <paramref name="length"/> of fake time.</summary>
    public static IterationFunc Takes(FakeTimeProvider time, TimeSpan length) =>
        (_, ct) => new ValueTask(Task.Delay(length, time, ct));

    /// <summary>Lets the continuations the last advance released run before time moves on.</summary>
    public static Task SettleAsync()
    {
        // A fake timer completes its task inside Advance and what awaits it mostly continues there;
        // VU loops and arrival-rate iterations hop to the thread pool. The pool is settled when nothing
        // is queued and no work item has finished for a quiet window. On a busy machine a pool thread
        // can be preempted in the middle of a continuation for several milliseconds (a hard stop's
        // handler then ran after the next advance and an iteration it should have cut completed), so
        // the window is four times how long the pool now takes to start a work item, at least 2 ms.
        var window = TimeSpan.FromTicks(Math.Clamp(PoolLatency().Ticks * 4, TimeSpan.FromMilliseconds(2).Ticks, TimeSpan.FromMilliseconds(50).Ticks));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var completed = ThreadPool.CompletedWorkItemCount;
        var quietSince = clock.Elapsed;
        while (clock.Elapsed - quietSince < window && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            Thread.SpinWait(50);
            var now = ThreadPool.CompletedWorkItemCount;
            if (now != completed || ThreadPool.PendingWorkItemCount > 0)
            {
                completed = now;
                quietSince = clock.Elapsed;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>How long the thread pool takes to start a work item now.</summary>
    private static TimeSpan PoolLatency()
    {
        using var started = new ManualResetEventSlim();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Set(), started, preferLocal: false);
        started.Wait(TimeSpan.FromSeconds(1));
        return clock.Elapsed;
    }

    public static FakeTimeProvider NewTime() => new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
}
