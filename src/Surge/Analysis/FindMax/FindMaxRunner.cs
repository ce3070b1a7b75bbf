namespace Surge.Analysis.FindMax;

/// <summary>
/// Runs a find-max search: asks <see cref="LevelSearch"/> for each level, has the caller run it (a real
/// step through the run service, or a simulated system in tests), and reports each step as it ends.
/// </summary>
internal static class FindMaxRunner
{
    /// <summary>Runs the search to its end.</summary>
    /// <param name="options">The bounds and pace.</param>
    /// <param name="runStep">Runs one step: its number, level, and whether it is the confirmation hold; the previous steps.</param>
    /// <param name="onStep">Called as each step ends (the console prints it).</param>
    /// <param name="cancellationToken">Ends the search before its next step; the step in flight is the caller's to stop.</param>
    public static async Task<FindMaxResult> RunAsync(
        FindMaxOptions options,
        Func<StepRequest, Task<StepResult>> runStep,
        Action<StepResult> onStep,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runStep);
        ArgumentNullException.ThrowIfNull(onStep);
        var search = new LevelSearch(options);
        var steps = new List<StepResult>();
        var end = SearchEnd.StepLimit;
        while (search.Next is { } level)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                end = SearchEnd.Stopped;
                break;
            }

            if (steps.Count >= options.MaxSteps)
            {
                end = SearchEnd.StepLimit;
                break;
            }

            var below = steps.Where(s => s.Passed && s.Level < level).MaxBy(s => s.Level);
            var request = new StepRequest(steps.Count + 1, level, search.NextIsHold, below, steps.Count == 0 ? null : steps[0].ErrorRate);
            var step = await runStep(request);
            step = step with { Hold = request.Hold };
            steps.Add(step);
            onStep(step);
            if (step.Verdict is StepVerdict.GeneratorLimited or StepVerdict.Stopped)
            {
                end = step.Verdict == StepVerdict.GeneratorLimited ? SearchEnd.GeneratorLimit : SearchEnd.Stopped;
                break;
            }

            search.Record(step.Passed);
            if (search.Next is null)
            {
                end = search.Confirmed is not null ? SearchEnd.Confirmed
                    : steps.Any(s => s.Passed) ? SearchEnd.NotConfirmed
                    : SearchEnd.NothingPassed;
            }
        }

        var points = steps.Where(s => s.Verdict is StepVerdict.Passed or StepVerdict.Failed && s.Tps > 0 && s.Concurrency > 0)
            .Select(s => (s.Concurrency, s.Tps)).ToList();
        return new FindMaxResult(steps, end, options.Model)
        {
            Usl = UslFit.Fit(points),
            ReachedTop = steps.Any(s => s.Passed && s.Level >= options.To),
        };
    }
}
