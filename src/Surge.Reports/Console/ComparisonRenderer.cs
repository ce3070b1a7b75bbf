using System.Globalization;
using Spectre.Console;
using Surge.Analysis;

namespace Surge.Reports.Console;

/// <summary>
/// Prints <c>surge compare</c>: BEFORE and AFTER side by side, figure by figure, with the change in
/// percent and benchstat's verdicts (better, worse, "~" for no significant change, "~?" untested).
/// </summary>
internal sealed class ComparisonRenderer(IAnsiConsole console)
{
    /// <summary>Renders the comparison; names the regressions past <paramref name="regressionPercent"/> when one is given.</summary>
    public void Render(RunComparison comparison, double? regressionPercent)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        console.WriteLine();
        console.MarkupLine($"[bold]█ COMPARE[/]  BEFORE {Markup.Escape(comparison.Before.Label)}  →  AFTER {Markup.Escape(comparison.After.Label)}");
        console.MarkupLine($"  target: {Markup.Escape(comparison.Before.Figures.Target)}" +
            (comparison.After.Figures.Target == comparison.Before.Figures.Target ? "" : $"  →  {Markup.Escape(comparison.After.Figures.Target)}"));
        foreach (var difference in comparison.Differences)
        {
            console.MarkupLine($"  [yellow]different tests (--force): {Markup.Escape(difference)}[/]");
        }

        if ((comparison.Before.Figures.Diagnosis, comparison.After.Figures.Diagnosis) is (string before, string after))
        {
            console.MarkupLine(before == after
                ? $"  diagnosis: {Markup.Escape(before)} in both"
                : $"  diagnosis: [bold]moved from {Markup.Escape(before)} to {Markup.Escape(after)}[/]");
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("");
        table.AddColumn(new TableColumn("BEFORE").RightAligned());
        table.AddColumn(new TableColumn("AFTER").RightAligned());
        table.AddColumn(new TableColumn("change").RightAligned());
        table.AddColumn("verdict");
        string? group = null;
        foreach (var row in comparison.Rows)
        {
            if (row.Key.Group != group)
            {
                group = row.Key.Group;
                table.AddRow($"[bold]{Markup.Escape(group)}[/]", "", "", "", "");
            }

            table.AddRow(
                "  " + Markup.Escape(row.Key.Name),
                Value(row.Unit, row.Before),
                Value(row.Unit, row.After),
                Change(row.ChangePercent),
                VerdictText(row));
        }

        console.Write(table);
        console.MarkupLine($"  Verdicts: Mann–Whitney U test of the per-second series, α = {comparison.Alpha.ToString("0.##", CultureInfo.InvariantCulture)}; " +
            "~ no significant change" + (comparison.Rows.Any(r => r.Verdict == Verdict.Untested) ? "; ~? not tested (no per-second series: a run without its results file)" : ""));
        if (regressionPercent is { } threshold)
        {
            var regressions = comparison.Regressions(threshold);
            console.MarkupLine(regressions.Count == 0
                ? $"  [green]✓ no regression past {Units.Number(threshold)}% in TPS, p95 or errors[/]"
                : $"  [red]✗ regression past {Units.Number(threshold)}%: {Markup.Escape(string.Join(", ", regressions.Select(r => $"{r.Key.Name} {Change(r.ChangePercent)}")))}[/]");
        }

        console.WriteLine();
    }

    private static string Value(FigureUnit unit, double? value) => value is not { } number ? "-" : unit switch
    {
        FigureUnit.PerSecond => Units.Number(number) + "/s",
        FigureUnit.Milliseconds => Units.Time(number),
        FigureUnit.Percent => number.ToString("0.00", CultureInfo.InvariantCulture) + "%",
        _ => Units.Memory(number),
    };

    private static string Change(double? percent) => percent switch
    {
        null => "",
        double.PositiveInfinity => "+∞",
        double.NegativeInfinity => "-∞",
        0 => "0%",
        { } p => (p > 0 ? "+" : "") + p.ToString("0.0", CultureInfo.InvariantCulture) + "%",
    };

    private static string VerdictText(ComparisonRow row)
    {
        var p = row.PValue is { } value ? $" [grey](p={value.ToString(value < 0.001 ? "0.0e0" : "0.000", CultureInfo.InvariantCulture)})[/]" : "";
        return row.Verdict switch
        {
            Verdict.Better => "[green]better[/]" + p,
            Verdict.Worse => "[red]worse[/]" + p,
            Verdict.Same => "~" + p,
            _ => "~?",
        };
    }
}
