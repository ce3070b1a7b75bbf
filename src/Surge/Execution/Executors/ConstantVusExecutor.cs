namespace Surge.Execution.Executors;

/// <summary>Runs <see cref="ConstantVusOptions.Vus"/> VUs in closed loops until the duration ends.</summary>
internal sealed class ConstantVusExecutor(ConstantVusOptions options, ScenarioRun run) : IExecutor
{
    public async Task RunAsync(CancellationToken gracefulStop, CancellationToken hardStop)
    {
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(gracefulStop);
        var vus = new Task[options.Vus];
        for (var i = 0; i < vus.Length; i++)
        {
            var vu = run.CreateVu();
            vus[i] = Task.Run(() => LoopAsync(vu, stopStarting.Token), CancellationToken.None);
        }

        var allDone = Task.WhenAll(vus);
        await StopWindow.RunAsync(run, allDone, options.Duration, options.GracefulStop, stopStarting, hardStop);
    }

    private async Task LoopAsync(Vu vu, CancellationToken stopStarting)
    {
        vu.Enter(); // once for the VU's whole loop: its iterations run on this async flow
        run.VuActive(true);
        try
        {
            await run.RunIterationsAsync(vu, stopStarting);
        }
        finally
        {
            run.VuActive(false);
        }
    }
}
