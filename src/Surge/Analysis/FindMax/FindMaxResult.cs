namespace Surge.Analysis.FindMax;

/// <summary>The outcome of a find-max search: every step, the best level that met the goals, and the scalability fit.</summary>
/// <param name="Steps">Every step run, in order.</param>
/// <param name="End">Why the search ended.</param>
/// <param name="Model">Whether the levels are rates or VUs.</param>
internal sealed record FindMaxResult(IReadOnlyList<StepResult> Steps, SearchEnd End, LoadModel Model)
{
    /// <summary>
    /// The step that shows the maximum: the passing confirmation step, or else the highest passing step
    /// (when the search was stopped before confirming); null when no step passed.
    /// </summary>
    public StepResult? Best => Steps.LastOrDefault(s => s.Hold && s.Passed)
        ?? Steps.Where(s => s.Passed).OrderByDescending(s => s.Level).ThenByDescending(s => s.Number).FirstOrDefault();

    /// <summary>The maximum throughput that met the goals: the best step's responses per second; null when none passed.</summary>
    public double? MaxTps => Best?.Tps;

    /// <summary>The first step that failed at a level above the best one: where the system gave out.</summary>
    public StepResult? FirstFailing => Steps.FirstOrDefault(s => s.Verdict == StepVerdict.Failed && s.Level > (Best?.Level ?? 0));

    /// <summary>The step the generator limited, when that ended the search.</summary>
    public StepResult? GeneratorLimited => Steps.LastOrDefault(s => s.Verdict == StepVerdict.GeneratorLimited);

    /// <summary>True when the search ran --to and it passed: the system may sustain more than was tried.</summary>
    public bool ReachedTop { get; init; }

    /// <summary>The Universal Scalability Law fitted to the steps' concurrency and throughput.</summary>
    public UslFit? Usl { get; init; }
}
