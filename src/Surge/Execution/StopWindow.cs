namespace Surge.Execution;

/// <summary>
/// The end of a scenario, as k6 does it: when the duration is over (or the test is stopped
/// gracefully) no new iteration starts; iterations in flight get the graceful stop to finish,
/// then they are interrupted. A hard stop interrupts at once.
/// </summary>
internal static class StopWindow
{
    /// <summary>How long interrupted iterations get to end before the scenario ends without them.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(1);

    /// <summary>Runs the window of a scenario that lasts <paramref name="duration"/> or until its VUs are done.</summary>
    public static async Task RunAsync(
        ScenarioRun run,
        Task vusDone,
        TimeSpan duration,
        TimeSpan gracefulStop,
        CancellationTokenSource stopStarting,
        CancellationToken hardStop)
    {
        using var hardStopRegistration = hardStop.Register(run.Interrupt);
        // Ends at the duration, or earlier on a graceful stop of the test (the delay is then cancelled).
        await Task.WhenAny(Task.Delay(duration, run.Time, stopStarting.Token), vusDone);
        await FinishAsync(run, () => vusDone, gracefulStop, stopStarting);
    }

    /// <summary>Stops new iterations, gives those in flight <paramref name="gracefulStop"/>, then interrupts them.</summary>
    /// <param name="run">The scenario.</param>
    /// <param name="inFlight">What is still running, asked for after no new iteration can start.</param>
    /// <param name="gracefulStop">How long iterations in flight may go on.</param>
    /// <param name="stopStarting">Cancelled here: executors start nothing after it.</param>
    public static async Task FinishAsync(ScenarioRun run, Func<Task> inFlight, TimeSpan gracefulStop, CancellationTokenSource stopStarting)
    {
        await stopStarting.CancelAsync();
        var running = inFlight();
        if (!running.IsCompleted)
        {
            // A hard stop (the test's, or Ctrl+C twice) interrupts at once and ends the grace with it.
            var grace = Task.Delay(gracefulStop, run.Time, CancellationToken.None);
            if (await Task.WhenAny(running, grace, run.WhenInterrupted) != running)
            {
                run.Interrupt();

                // An interrupted iteration ends at its next await. Code that blocks its thread (a busy
                // loop, Thread.Sleep, .Result) never gets there: once a second passes in which no VU
                // ended (thousands of VUs unwinding on a busy machine keep ending), the scenario ends
                // without the rest, so a test always ends, with what was measured.
                var active = run.Progress.ActiveVus;
                while (await Task.WhenAny(running, Task.Delay(AbandonAfter, run.Time, CancellationToken.None)) != running)
                {
                    var now = run.Progress.ActiveVus;
                    if (now >= active)
                    {
                        run.Abandon();
                        return;
                    }

                    active = now;
                }
            }
        }

        await running;

        // The last VU may have ended on an event loop's thread (the --url mode runs its requests there):
        // what follows the scenario (summary, outputs, the next scenario's start) runs elsewhere.
        await Http.Transport.EventLoop.LeaveAsync();
    }
}
