using MathNet.Numerics.Statistics;

namespace Surge.Analysis;

/// <summary>
/// Two runs side by side, figure by figure: the whole-run values from their summaries, the change in
/// percent, and a verdict decided from the per-second series with a Mann–Whitney U test at α, as Go's
/// benchstat decides its "~".
/// </summary>
/// <remarks>
/// A figure is better or worse only when its per-second series differ significantly <em>and</em> the
/// series' medians moved the same way as the whole-run value; a significant test whose median and
/// whole-run value disagree (a few outlier seconds) says "~".
/// </remarks>
internal sealed class RunComparison
{
    /// <summary>benchstat's significance level.</summary>
    public const double DefaultAlpha = 0.05;

    private static readonly FigureKey[] KeyFigures = [new(FigureKey.Load, "TPS"), new(FigureKey.Load, "p95"), new(FigureKey.Load, "errors")];

    private RunComparison(ComparedRun before, ComparedRun after, double alpha, IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> differences)
    {
        Before = before;
        After = after;
        Alpha = alpha;
        Rows = rows;
        Differences = differences;
    }

    /// <summary>The earlier run (the baseline).</summary>
    public ComparedRun Before { get; }

    /// <summary>The later run.</summary>
    public ComparedRun After { get; }

    /// <summary>The significance level of the verdicts.</summary>
    public double Alpha { get; }

    /// <summary>Every figure either run has, BEFORE's order first.</summary>
    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>What says the two runs are different tests (target, scenarios), in words; empty when they are the same test.</summary>
    public IReadOnlyList<string> Differences { get; }

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static RunComparison Compare(ComparedRun before, ComparedRun after, double alpha = DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeFigures = before.Figures.Figures.ToDictionary(f => f.Key);
        var afterFigures = after.Figures.Figures.ToDictionary(f => f.Key);
        var rows = new List<ComparisonRow>();
        foreach (var key in beforeFigures.Keys.Concat(afterFigures.Keys.Where(k => !beforeFigures.ContainsKey(k))))
        {
            var figure = beforeFigures.GetValueOrDefault(key) ?? afterFigures[key];
            var valueBefore = beforeFigures.GetValueOrDefault(key)?.Value;
            var valueAfter = afterFigures.GetValueOrDefault(key)?.Value;
            var (verdict, p) = Decide(figure.HigherIsBetter, valueBefore, valueAfter, before.Series?.GetValueOrDefault(key), after.Series?.GetValueOrDefault(key), before.Series is null || after.Series is null, alpha);
            rows.Add(new ComparisonRow(key, figure.Unit, figure.HigherIsBetter, valueBefore, valueAfter, verdict, p));
        }

        return new RunComparison(before, after, alpha, rows, DifferencesOf(before.Figures, after.Figures));
    }

    /// <summary>
    /// The key figures (TPS, p95, error rate) that got significantly worse by more than
    /// <paramref name="thresholdPercent"/> percent of their BEFORE value.
    /// </summary>
    public IReadOnlyList<ComparisonRow> Regressions(double thresholdPercent) =>
    [
        .. Rows.Where(r => KeyFigures.Contains(r.Key) && r.Verdict == Verdict.Worse && r.ChangePercent is { } change && Math.Abs(change) > thresholdPercent),
    ];

    private static (Verdict Verdict, double? PValue) Decide(
        bool higherIsBetter, double? before, double? after, IReadOnlyList<double>? beforeSeries, IReadOnlyList<double>? afterSeries, bool noSeries, double alpha)
    {
        if (before is null || after is null || noSeries || beforeSeries is not { Count: > 0 } || afterSeries is not { Count: > 0 })
        {
            return (Verdict.Untested, null);
        }

        var test = MannWhitney.Test(beforeSeries, afterSeries);
        var change = after.Value - before.Value;
        var shift = afterSeries.Median() - beforeSeries.Median();
        if (!test.IsSignificant(alpha) || change == 0 || (shift != 0 && Math.Sign(shift) != Math.Sign(change)))
        {
            return (Verdict.Same, test.PValue);
        }

        return (change > 0 == higherIsBetter ? Verdict.Better : Verdict.Worse, test.PValue);
    }

    private static List<string> DifferencesOf(RunFigureSet before, RunFigureSet after)
    {
        var differences = new List<string>();
        if (!TargetIdentity.Same(before.Target, after.Target))
        {
            differences.Add($"target '{before.Target}' vs '{after.Target}'");
        }

        if (!before.Scenarios.Order(StringComparer.Ordinal).SequenceEqual(after.Scenarios.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            differences.Add($"scenarios {string.Join(", ", before.Scenarios)} vs {string.Join(", ", after.Scenarios)}");
        }

        return differences;
    }
}
