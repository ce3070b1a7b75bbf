using Surge.Outcome;

namespace Surge.Analysis;

/// <summary>One side of a comparison: a run's figures and, when its results file is known, its per-second series.</summary>
/// <param name="Label">How the run is named to the user: a file name, or <c>#12</c> for a history id.</param>
/// <param name="Figures">The whole-run figures.</param>
/// <param name="Series">The per-second series; null when only the summary is known (no significance test then).</param>
internal sealed record ComparedRun(string Label, RunFigureSet Figures, IReadOnlyDictionary<FigureKey, IReadOnlyList<double>>? Series)
{
    /// <summary>A run read from its results file: figures and per-second series.</summary>
    public static ComparedRun FromOutcome(string label, RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var series = RunSeries.Of(outcome.Timeline);
        return new ComparedRun(label, RunFigures.Of(outcome.Summary, series), series);
    }

    /// <summary>A run known only by its summary JSON: figures without per-second series.</summary>
    /// <exception cref="FormatException">It is not a Surge summary JSON.</exception>
    public static ComparedRun FromSummaryJson(string label, ReadOnlyMemory<byte> summaryJson) =>
        new(label, RunFigures.Read(summaryJson), null);
}
