namespace Surge.Execution.Executors;

/// <summary>
/// Runs <see cref="RampingVusOptions"/>: follows the plan's steps, starting a VU when the ramp line
/// reaches it and, on a ramp-down, letting the VU finish its iteration within gracefulRampDown
/// before interrupting it. A VU brought back by a later ramp-up is reused.
/// </summary>
internal sealed class RampingVusExecutor(RampingVusOptions options, ScenarioRun run) : IExecutor
{
    private readonly List<Slot> _slots = [];

    public async Task RunAsync(CancellationToken gracefulStop, CancellationToken hardStop)
    {
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(gracefulStop);
        using var hardStopRegistration = hardStop.Register(run.Interrupt);
        var start = run.Time.GetTimestamp();
        var plan = options.Plan();
        var active = 0;
        foreach (var step in plan.Take(plan.Count - 1))
        {
            if (!await run.WaitUntilAsync(start, step.Offset, stopStarting.Token))
            {
                break;
            }

            for (; active < step.Vus; active++)
            {
                Activate(active, stopStarting.Token);
            }

            for (; active > step.Vus; active--)
            {
                Deactivate(active - 1, hardStop);
            }
        }

        // The last stage ends like any scenario: no new iterations, gracefulStop for those in flight.
        await run.WaitUntilAsync(start, plan[^1].Offset, stopStarting.Token);
        await StopWindow.FinishAsync(run, () => Task.WhenAll(_slots.Select(s => s.Loop ?? Task.CompletedTask)), options.GracefulStop, stopStarting);
    }

    private void Activate(int index, CancellationToken stopStarting)
    {
        if (index == _slots.Count)
        {
            _slots.Add(new Slot(run.CreateVu()));
        }

        var slot = _slots[index];
        lock (slot)
        {
            slot.Generation++;
            slot.Active = true;

            // A VU still finishing its iteration after a ramp-down simply goes on looping; if its loop
            // has already decided to stop, a new one starts once it has.
            slot.Loop = RunAfterAsync(slot.Loop, slot, stopStarting);
        }
    }

    private async Task RunAfterAsync(Task? previous, Slot slot, CancellationToken stopStarting)
    {
        if (previous is not null)
        {
            await previous;
        }

        lock (slot)
        {
            // Decided under the slot's lock, against which a ramp-down marks the slot inactive.
            if (!slot.Active || stopStarting.IsCancellationRequested)
            {
                return;
            }

            run.Revive(slot.Vu);
        }

        await Task.Run(() => LoopAsync(slot, stopStarting), CancellationToken.None);
    }

    private void Deactivate(int index, CancellationToken hardStop)
    {
        var slot = _slots[index];
        int generation;
        lock (slot)
        {
            slot.Active = false;
            generation = slot.Generation;
        }

        _ = InterruptAfterGraceAsync(slot, generation, hardStop);
    }

    private async Task InterruptAfterGraceAsync(Slot slot, int generation, CancellationToken hardStop)
    {
        try
        {
            await Task.Delay(options.GracefulRampDown, run.Time, hardStop);
        }
        catch (OperationCanceledException)
        {
            return; // the hard stop interrupts everything anyway
        }

        lock (slot)
        {
            if (!slot.Active && slot.Generation == generation && slot.Loop is { IsCompleted: false })
            {
                run.Interrupt(slot.Vu);
            }
        }
    }

    private async Task LoopAsync(Slot slot, CancellationToken stopStarting)
    {
        slot.Vu.Enter(); // once for this run of the VU's loop: its iterations run on this async flow
        run.VuActive(true);
        try
        {
            // Also stop once interrupted: an iteration started on a cancelled token would count as interrupted without running.
            while (Volatile.Read(ref slot.Active) && !stopStarting.IsCancellationRequested && !slot.Vu.Cancellation.IsCancellationRequested
                && await run.RunIterationAsync(slot.Vu))
            {
            }
        }
        finally
        {
            run.VuActive(false);
        }
    }

    private sealed class Slot(Vu vu)
    {
        public bool Active;

        public Vu Vu { get; } = vu;

        public int Generation { get; set; }

        public Task? Loop { get; set; }
    }
}
