using System.Diagnostics;
using Surge.Execution.Timing;

namespace Surge.Tests.Execution.Timing;

/// <summary>The open model's timer, on the real clock: never early, earliest first, cancellable.</summary>
public class DueTimerTests
{
    private static long In(TimeSpan span) => Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);

    [Fact]
    public async Task WaitUntilAsync_ManyAtOnceInAnyOrder_NoneWakesBeforeItsTime()
    {
        var random = new Random(7);
        var waits = Enumerable.Range(0, 200).Select(async _ =>
        {
            var due = In(TimeSpan.FromMicroseconds(random.Next(0, 30_000)));
            await DueTimer.WaitUntilAsync(due, CancellationToken.None);
            return Stopwatch.GetTimestamp() - due;
        }).ToList();

        var after = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(after, ticks => Assert.True(ticks >= 0, $"woke {-ticks * 1000.0 / Stopwatch.Frequency:F3} ms early"));
    }

    [Fact]
    public async Task WaitUntilAsync_AnEarlierWaitWhileTheThreadSleepsOnALaterOne_WakesAtItsOwnTime()
    {
        using var cancel = new CancellationTokenSource();
        var late = DueTimer.WaitUntilAsync(In(TimeSpan.FromMinutes(10)), cancel.Token);
        await Task.Delay(50); // the timer thread is asleep until the late one's time

        var soon = In(TimeSpan.FromMilliseconds(20));
        await DueTimer.WaitUntilAsync(soon, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(Stopwatch.GetTimestamp() >= soon);
        Assert.False(late.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WaitUntilAsync_PastDueOrCancelled_EndsAtOnce()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var past = DueTimer.WaitUntilAsync(Stopwatch.GetTimestamp() - 1, CancellationToken.None);
        var cancelled = DueTimer.WaitUntilAsync(In(TimeSpan.FromMinutes(10)), cancel.Token);

        Assert.True(past.IsCompletedSuccessfully);
        Assert.True(cancelled.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }

    [PreciseSleepFact]
    public void PreciseSleep_UnderAMillisecond_NeverEndsEarly()
    {
        var asked = (long)(Stopwatch.Frequency * 0.0003); // 0.3 ms, less than the runtime's sleeps can do
        for (var i = 0; i < 100; i++)
        {
            var start = Stopwatch.GetTimestamp();
            PreciseSleep.Sleep(asked);
            var slept = Stopwatch.GetTimestamp() - start;

            Assert.True(slept >= asked, $"slept {slept * 1000.0 / Stopwatch.Frequency:F3} ms of 0.3");
        }
    }
}

/// <summary>A fact about <see cref="PreciseSleep"/>, skipped where there is none (the timer rounds up to whole milliseconds there).</summary>
public sealed class PreciseSleepFactAttribute : FactAttribute
{
    public PreciseSleepFactAttribute()
    {
        if (!PreciseSleep.IsSupported)
        {
            Skip = "no nanosleep on this platform";
        }
    }
}
