using Surge.Configuration;
using Surge.Execution;

namespace Surge.Reports.Console;

/// <summary>
/// A scenario's live progress, as k6 prints it:
/// <c>browse  [  45% ] 30/100 VUs  00m27s/01m00s  120 complete, 3 interrupted</c>.
/// </summary>
internal static class ProgressLine
{
    public static string For(ScenarioProgress progress, int nameWidth)
    {
        var executor = progress.Scenario.Executor;
        var name = progress.Scenario.Name.PadRight(nameWidth);
        if (!progress.HasStarted)
        {
            return $"{name}   [ waiting ] starts at {Durations.Format(executor.StartTime)}";
        }

        var started = progress.CompletedIterations + progress.InterruptedIterations;
        var fraction = executor.PlannedIterations is { } planned && !executor.IsOpenModel ? (double)started / planned
            : executor.PlannedDuration > TimeSpan.Zero ? progress.Elapsed / executor.PlannedDuration : 1;

        // Ended with its plan done (a hair short of it is timer slack), or cut short: Ctrl+C, an abort.
        var done = progress.HasEnded && fraction >= 0.99;
        var percent = $"{Math.Clamp(done ? 1 : fraction, 0, 1) * 100,4:0}%";
        var mark = done ? "✓" : progress.HasEnded ? "✗" : " ";
        var counts = $"{progress.CompletedIterations} complete, {progress.InterruptedIterations} interrupted";
        if (progress.DroppedIterations > 0)
        {
            counts += $", {progress.DroppedIterations} dropped";
        }

        var vus = executor.IsOpenModel
            ? $"{progress.ActiveVus}/{progress.AllocatedVus} VUs (max {executor.MaxVus})"
            : $"{progress.ActiveVus}/{executor.MaxVus} VUs";
        var time = $"{Units.Clock(progress.Elapsed)}/{Units.Clock(executor.PlannedDuration)}";
        return $"{name} {mark} [ {percent} ] {vus}  {time}  {counts}";
    }
}
