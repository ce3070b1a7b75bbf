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
        while (!stopStarting.IsCancellationRequested && schedule.TryNext(out var due))
        {
            // Wait for the next due start; starts already due (a late timer, a high rate) go at
            // once, each still carrying its own due time.
            if (!await run.WaitUntilAsync(start, due, stopStarting.Token))
            {
                break;
            }

            if (!_idle.TryPop(out var vu))
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
