using System.Diagnostics;

namespace Surge.Http;

/// <summary>
/// Enforces request timeouts for all sessions of a run with one timer, instead of a timer (and a
/// cancellation registration) per request on the hot path. Precision: one tick (50 ms).
/// </summary>
internal sealed class TimeoutWatchdog : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private HttpSession[] _sessions = [];

    public TimeoutWatchdog(TimeProvider time)
    {
        _timer = time.CreateTimer(static state => ((TimeoutWatchdog)state!).Check(), this, Tick, Tick);
    }

    public void Add(HttpSession session)
    {
        lock (_lock)
        {
            _sessions = [.. _sessions, session];
        }
    }

    public void Remove(HttpSession session)
    {
        lock (_lock)
        {
            _sessions = [.. _sessions.Where(s => s != session)];
        }
    }

    private void Check()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var session in Volatile.Read(ref _sessions))
        {
            session.ExpireIfLate(now);
        }
    }

    public void Dispose() => _timer.Dispose();
}
