using System.Collections.Concurrent;

namespace Surge.Execution.Executors;

/// <summary>
/// Runs both arrival-rate executors (the open model): starts each iteration when the schedule says,
/// on a free VU from the pool, growing the pool up to maxVUs; an iteration that finds no VU is
/// dropped and counted. Each iteration carries the moment it was due, so its requests' latency
/// counts from then (<see cref="ScenarioRun.RunIterationAsync"/>).
/// </summary>
internal sealed class ArrivalRateExecutor(ArrivalRateOptions options, ScenarioRun run) : IExecutor
{
    /// <summary>
    /// Iterations due this close after the one a wake-up was for start with it. Waking for every iteration
    /// cost 45 % more CPU than the runtime's timers at 5,000/s (idle pool threads spin after each wake-up);
    /// 4 ms, the kernel tick those timers step by, keeps wake-ups under 250/s at any rate. A rate under
    /// 250/s starts every iteration on its own, on time. Only a free VU is taken early.
    /// </summary>
    internal static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(4);

    private readonly ConcurrentStack<Vu> _idle = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _allocated;
    private int _inFlight = 1; // the dispatcher's own share, released when it stops starting iterations

    public async Task RunAsync(CancellationToken gracefulStop, CancellationToken hardStop)
    {
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(gracefulStop);
        using var hardStopRegistration = hardStop.Register(run.Interrupt);
        for (; _allocated < options.PreAllocatedVus; _allocated++)
        {
            _idle.Push(run.CreateVu());
        }

        var schedule = options.Schedule();
        run.Progress.Expect(schedule.ExpectedCount);
        var time = run.Time;
        var start = time.GetTimestamp();
        var batchEnd = TimeSpan.MinValue;
        while (!stopStarting.IsCancellationRequested && schedule.TryNext(out var due))
        {
            // Wait for the next due start, then start with it every one due within the batch window:
            // one wake-up per window, not per iteration, at high rates. Those started a little early
            // count their latency from when they started (never before), so nothing is made to look
            // faster; starts already due (a late wake-up) go at once, each carrying its own due time.
            if (due > batchEnd)
            {
                if (!await run.WaitForStartAsync(start, due, stopStarting.Token))
                {
                    break;
                }

                batchEnd = due + BatchWindow;
            }

            // An iteration started early takes a free VU, never a new one and never a drop: with none free,
            // it waits for its own time like any other.
            if (!_idle.TryPop(out var vu) && due > time.GetElapsedTime(start))
            {
                if (!await run.WaitForStartAsync(start, due, stopStarting.Token))
                {
                    break;
                }

                batchEnd = due + BatchWindow;
                _idle.TryPop(out vu);
            }

            if (vu is null)
            {
                if (_allocated >= options.MaxVus)
                {
                    run.Dropped();
                    continue;
                }

                _allocated++;
                vu = run.CreateVu();
            }

            Interlocked.Increment(ref _inFlight);
            var dueAt = start + (long)(due.TotalSeconds * time.TimestampFrequency);
            _ = Task.Run(() => RunOneAsync(vu, dueAt), CancellationToken.None);
        }

        // Off the clock thread, which the loop may be running on: what follows can end the test.
        await Task.Yield();
        await run.WaitUntilAsync(start, schedule.End, stopStarting.Token);
        await StopWindow.FinishAsync(run, () =>
        {
            Release();
            return _drained.Task;
        }, options.GracefulStop, stopStarting);
    }

    private async Task RunOneAsync(Vu vu, long dueAt)
    {
        vu.Enter();
        run.VuActive(true);
        var usable = false;
        try
        {
            usable = await run.RunIterationAsync(vu, dueAt);
        }
        finally
        {
            run.VuActive(false);
            if (usable)
            {
                _idle.Push(vu);
            }

            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
