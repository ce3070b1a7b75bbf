using Surge.Http;
using Surge.Metrics;

namespace Surge.Tests.Http;

public class TimeoutWatchdogTests
{
    [Fact]
    public void ManySessions_ComeAndGo_AtAFewBytesEachInTheWatchdog()
    {
        using var watchdog = new TimeoutWatchdog(TimeProvider.System);
        using var first = new TimeoutWatchdog(TimeProvider.System);
        var recorder = Recorder();
        var sessions = new HttpSession[40_000];
        for (var i = 0; i < sessions.Length; i++)
        {
            sessions[i] = new HttpSession(recorder, first, TagSet.Empty);
            first.Remove(sessions[i]); // free to join the watchdog measured below
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var session in sessions)
        {
            watchdog.Add(session);
        }

        Assert.Equal(sessions.Length, watchdog.Count);
        foreach (var session in sessions)
        {
            watchdog.Remove(session);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The slots and free list grow by doubling: a few words per session. A whole copy of the sessions
        // for each one added or removed, as before, came to gigabytes here.
        Assert.Equal(0, watchdog.Count);
        Assert.True(allocated < sessions.Length * 64, $"{allocated} bytes allocated to add and remove {sessions.Length} sessions");
    }

    [Fact]
    public void Sessions_AddedTwiceOrRemovedTwice_CountOnce()
    {
        using var watchdog = new TimeoutWatchdog(TimeProvider.System);
        using var other = new TimeoutWatchdog(TimeProvider.System);
        var recorder = Recorder();
        var first = new HttpSession(recorder, watchdog, TagSet.Empty);
        var second = new HttpSession(recorder, watchdog, TagSet.Empty);

        watchdog.Add(first);
        other.Remove(second); // not its session: nothing happens
        Assert.Equal(2, watchdog.Count);

        first.Dispose();
        first.Dispose();
        watchdog.Remove(first);
        Assert.Equal(1, watchdog.Count);

        var third = new HttpSession(recorder, watchdog, TagSet.Empty); // takes the freed slot
        Assert.Equal(2, watchdog.Count);
        second.Dispose();
        third.Dispose();
        Assert.Equal(0, watchdog.Count);
    }

    private static HttpRecorder Recorder()
    {
        var registry = new MetricRegistry();
        return new HttpRecorder(new BuiltinMetrics(registry), new MetricRecorder(registry), new HttpOptions());
    }
}
