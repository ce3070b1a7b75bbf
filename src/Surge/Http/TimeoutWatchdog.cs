using System.Diagnostics;

namespace Surge.Http;

/// <summary>
/// Enforces request timeouts for all sessions of a run with one timer, instead of a timer (and a
/// cancellation registration) per request on the hot path. Precision: one tick (50 ms).
/// </summary>
/// <remarks>
/// Each session holds a slot of one array (<see cref="Add"/> and <see cref="Remove"/> cost the same for the
/// hundred-thousandth session as for the first); the array only grows, by doubling, and a freed slot is
/// taken again by the next session. A tick reads the array as it was when it began: a session added during
/// it is checked from the next one, and one removed during it may be checked once more, which does nothing
/// to a session with no request in flight.
/// </remarks>
internal sealed class TimeoutWatchdog : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private readonly Stack<int> _freeSlots = new();
    private HttpSession?[] _slots = new HttpSession?[16];
    private int _used;

    public TimeoutWatchdog(TimeProvider time)
    {
        _timer = time.CreateTimer(static state => ((TimeoutWatchdog)state!).Check(), this, Tick, Tick);
    }

    /// <summary>The sessions watched now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _used - _freeSlots.Count;
            }
        }
    }

    public void Add(HttpSession session)
    {
        lock (_lock)
        {
            if (session.WatchdogSlot >= 0)
            {
                return;
            }

            if (!_freeSlots.TryPop(out var slot))
            {
                if (_used == _slots.Length)
                {
                    var larger = new HttpSession?[_slots.Length * 2];
                    _slots.CopyTo(larger, 0);
                    Volatile.Write(ref _slots, larger);
                }

                slot = _used++;
            }

            _slots[slot] = session;
            session.WatchdogSlot = slot;
        }
    }

    public void Remove(HttpSession session)
    {
        lock (_lock)
        {
            var slot = session.WatchdogSlot;
            if ((uint)slot < (uint)_slots.Length && ReferenceEquals(_slots[slot], session))
            {
                _slots[slot] = null;
                _freeSlots.Push(slot);
                session.WatchdogSlot = -1;
            }
        }
    }

    private void Check()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var session in Volatile.Read(ref _slots))
        {
            session?.ExpireIfLate(now);
        }
    }

    public void Dispose() => _timer.Dispose();
}
