using System.Diagnostics;

namespace Surge.Execution.Timing;

/// <summary>
/// Wakes an awaiter at a <see cref="Stopwatch"/> timestamp, never before it and typically within a
/// millisecond after it: what the open model's schedule needs.
/// </summary>
/// <remarks>
/// The runtime's timers (<see cref="Task.Delay(TimeSpan)"/>) count time on a clock that steps once per
/// kernel tick (4 ms at 250 Hz); measured on the development machine they fired 2 to 3 ms late at the
/// median and up to 6 ms at p95, now and then early. In the open model every millisecond an iteration
/// starts late is counted as latency from its due time, so a 1 ms server read as 3 ms. One background
/// thread serves every wait here: it sleeps on a monitor (a condition variable with a high-resolution
/// timeout) for the whole milliseconds until the earliest due time, waking early when an earlier one
/// arrives, then sleeps the part of a millisecond left with <c>nanosleep</c> (about 0.1 ms late). It never
/// spins, so it costs no CPU between wake-ups at any rate. The awaiter continues on this thread, with no hop
/// through the thread pool: only the open model's dispatcher waits here, and what it does before its next
/// wait (take a VU, queue the iteration to the pool) takes microseconds. A cancelled wait continues on the
/// pool. (Elsewhere than 64-bit Linux and macOS the monitor's wait is rounded up to the next
/// millisecond instead; Windows wakes a timed wait on its own tick, 15.6 ms unless something raised the
/// timer resolution.)
/// </remarks>
internal static class DueTimer
{
    private static readonly object Gate = new();
    private static readonly PriorityQueue<Waiter, long> Waiting = new();
    private static Thread? _thread;

    /// <summary>Completes at <paramref name="dueTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value) or later.</summary>
    /// <exception cref="OperationCanceledException">The returned task is cancelled when <paramref name="cancellationToken"/> is.</exception>
    public static Task WaitUntilAsync(long dueTimestamp, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (Stopwatch.GetTimestamp() >= dueTimestamp)
        {
            return Task.CompletedTask;
        }

        var waiter = new Waiter(cancellationToken);
        lock (Gate)
        {
            var earliest = !Waiting.TryPeek(out _, out var next) || dueTimestamp < next;
            Waiting.Enqueue(waiter, dueTimestamp);
            if (_thread is null)
            {
                // UnsafeStart: the thread outlives every test run, so it must not keep the first caller's
                // async-local state (a script's environment, a test framework's context) alive.
                _thread = new Thread(Run) { IsBackground = true, Name = "surge-due-timer" };
                _thread.UnsafeStart();
            }
            else if (earliest)
            {
                Monitor.Pulse(Gate);
            }
        }

        return waiter.Task;
    }

    private static void Run()
    {
        var ticksPerMillisecond = Stopwatch.Frequency / 1000.0;
        while (true)
        {
            Waiter? due = null;
            long sleep = 0;
            lock (Gate)
            {
                // A wait cancelled before it was queued (its token fired inside the constructor) is dropped here.
                while (Waiting.TryPeek(out var done, out _) && done.Task.IsCompleted)
                {
                    Waiting.Dequeue();
                }

                if (!Waiting.TryPeek(out var next, out var at))
                {
                    Monitor.Wait(Gate);
                    continue;
                }

                var left = at - Stopwatch.GetTimestamp();
                if (left <= 0)
                {
                    due = Waiting.Dequeue();
                }
                else if (left >= ticksPerMillisecond || !PreciseSleep.IsSupported)
                {
                    // Whole milliseconds on the monitor, where an earlier wait can wake the thread; the part of a
                    // millisecond left after it with a precise sleep. Without one, rounded up, so the wake-up is at
                    // or after the due time (checked again above, in case it is not).
                    var milliseconds = PreciseSleep.IsSupported ? Math.Floor(left / ticksPerMillisecond) : Math.Ceiling(left / ticksPerMillisecond);
                    Monitor.Wait(Gate, (int)Math.Min(milliseconds, int.MaxValue));
                    continue;
                }
                else
                {
                    sleep = left;
                }
            }

            if (due is not null)
            {
                // Outside the lock: the awaiting code continues here, and may queue its next wait at once.
                due.Complete();
            }
            else
            {
                // Under a millisecond: a wait due even sooner that arrives meanwhile is served right after.
                PreciseSleep.Sleep(sleep);
            }
        }
    }

    private sealed class Waiter : TaskCompletionSource
    {
        private readonly CancellationTokenRegistration _registration;

        public Waiter(CancellationToken cancellationToken)
            : base(TaskCreationOptions.None)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.Register(static (state, token) => ((Waiter)state!).Cancel(token), this);
            }
        }

        private void Cancel(CancellationToken token)
        {
            // A wait cut short (a scenario stopping) could be due minutes from now; it leaves the queue now. Its
            // awaiter continues on the thread pool, not on the thread that cancelled.
            lock (Gate)
            {
                Waiting.Remove(this, out _, out _);
            }

            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Waiter.TrySetCanceled(state.Token), (Waiter: this, Token: token), preferLocal: false);
        }

        public void Complete()
        {
            if (TrySetResult())
            {
                _registration.Unregister();
            }
        }
    }
}
