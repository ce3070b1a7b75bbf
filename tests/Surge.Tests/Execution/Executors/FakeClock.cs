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
        // VU loops and arrival-rate iterations hop to the thread pool. The pool is settled when
        // nothing is queued and no work item has finished for 2 ms.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var completed = ThreadPool.CompletedWorkItemCount;
        var quietSince = clock.Elapsed;
        while (clock.Elapsed - quietSince < TimeSpan.FromMilliseconds(2) && clock.Elapsed < TimeSpan.FromSeconds(2))
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

    public static FakeTimeProvider NewTime() => new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
}
