namespace Surge.Execution.Executors;

/// <summary>
/// Runs the two iteration-counting executors (<c>shared-iterations</c>, <c>per-vu-iterations</c>):
/// VUs loop until their share of iterations is done or maxDuration runs out; iterations not started
/// by then count as dropped.
/// </summary>
internal sealed class IterationsExecutor(ScenarioRun run, int vus, long totalIterations, long perVu, TimeSpan maxDuration, TimeSpan scenarioGracefulStop)
    : IExecutor
{
    private long _taken;
    private long _started;

    public static IterationsExecutor Shared(SharedIterationsOptions options, ScenarioRun run) =>
        new(run, options.Vus, options.Iterations, perVu: 0, options.MaxDuration, options.GracefulStop);

    public static IterationsExecutor PerVu(PerVuIterationsOptions options, ScenarioRun run) =>
        new(run, options.Vus, options.Iterations * options.Vus, options.Iterations, options.MaxDuration, options.GracefulStop);

    public async Task RunAsync(CancellationToken gracefulStop, CancellationToken hardStop)
    {
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(gracefulStop);
        var loops = new Task[vus];
        for (var i = 0; i < loops.Length; i++)
        {
            var vu = run.CreateVu();
            loops[i] = Task.Run(() => LoopAsync(vu, stopStarting.Token), CancellationToken.None);
        }

        await StopWindow.RunAsync(run, Task.WhenAll(loops), maxDuration, scenarioGracefulStop, stopStarting, hardStop);
        if (!gracefulStop.IsCancellationRequested)
        {
            // k6: iterations that maxDuration left no time for are dropped (a stop of the whole test is not a drop).
            run.Dropped(totalIterations - Interlocked.Read(ref _started));
        }
    }

    private async Task LoopAsync(Vu vu, CancellationToken stopStarting)
    {
        vu.Enter(); // once for the VU's whole loop: its iterations run on this async flow
        run.VuActive(true);
        try
        {
            for (long mine = 0; !stopStarting.IsCancellationRequested && Take(ref mine);)
            {
                Interlocked.Increment(ref _started);
                if (!await run.RunIterationAsync(vu))
                {
                    break;
                }
            }
        }
        finally
        {
            run.VuActive(false);
        }
    }

    /// <summary>Claims the next iteration: from the shared pool, or from the VU's own count.</summary>
    private bool Take(ref long mine) => perVu > 0 ? ++mine <= perVu : Interlocked.Increment(ref _taken) <= totalIterations;
}
