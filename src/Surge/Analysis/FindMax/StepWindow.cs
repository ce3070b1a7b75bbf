using Surge.Outcome;

namespace Surge.Analysis.FindMax;

/// <summary>
/// A step's throughput over its steady seconds, from the per-second timeline: the first second (VUs and
/// connections starting) and the graceful-stop tail after the planned duration are left out. Counting the
/// tail would credit an overloaded server with the queue it drains after the load stopped.
/// </summary>
/// <param name="Tps">Responses per second.</param>
/// <param name="IterationRate">Iterations completed per second.</param>
internal readonly record struct StepWindow(double Tps, double IterationRate)
{
    /// <summary>The window of a step's run.</summary>
    public static StepWindow Of(RunOutcome outcome)
    {
        var planned = outcome.Summary.Scenarios.Count == 0 ? TimeSpan.Zero : outcome.Summary.Scenarios.Max(s => s.PlannedDuration);
        var seconds = outcome.Timeline.Seconds;

        // A second belongs to the load when it ended by the planned end (half a second's slack for the start-up).
        var load = seconds.Where(s => s.Elapsed <= planned + TimeSpan.FromSeconds(0.5)).ToList();
        var steady = load.Count > 2 ? load.Skip(1).ToList() : load;
        var length = steady.Sum(s => s.Length.TotalSeconds);
        if (length <= 0)
        {
            return new StepWindow(outcome.Summary.Tps, 0);
        }

        var responses = steady.Sum(s => s.Of("http_reqs").Where(r => r.Series.Tags["error"] is null).Sum(r => r.Sum));
        var iterations = steady.Sum(s => s.Sum("iterations"));
        return new StepWindow(responses / length, iterations / length);
    }
}
