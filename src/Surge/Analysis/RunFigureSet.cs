
namespace Surge.Analysis;

/// <summary>Every whole-run figure of one run, with what says which test it was.</summary>
/// <param name="Target">What was tested (the summary's target).</param>
/// <param name="Scenarios">The scenarios' names, in the run's order.</param>
/// <param name="Figures">The figures, load first, then endpoints, scenarios and targets.</param>
internal sealed record RunFigureSet(string Target, IReadOnlyList<string> Scenarios, IReadOnlyList<RunFigure> Figures)
{
    /// <summary>The run's diagnosis in a few words (<c>db CPU</c>, <c>no limit reached</c>); null for a run before diagnoses.</summary>
    public string? Diagnosis { get; init; }
}
