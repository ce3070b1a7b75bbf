namespace Surge.Execution;

/// <summary>
/// The end of a scenario, as k6 does it: when the duration is over (or the test is stopped
/// gracefully) no new iteration starts; iterations in flight get the graceful stop to finish,
/// then they are interrupted. A hard stop interrupts at once.
/// </summary>
internal static class StopWindow
{
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
        await stopStarting.CancelAsync();
        if (!vusDone.IsCompleted)
        {
            var grace = Task.Delay(gracefulStop, run.Time, CancellationToken.None);
            if (await Task.WhenAny(vusDone, grace) != vusDone)
            {
                run.Interrupt();
            }
        }

        await vusDone;
    }
}
