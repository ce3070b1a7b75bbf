using System.Globalization;
using Spectre.Console;
using Surge.Analysis;
using Surge.Analysis.History;

namespace Surge.Reports.Console;

/// <summary>Prints <c>surge history</c>: the recorded runs, and with <c>--trend</c> TPS and p95 across them with their change points.</summary>
internal sealed class HistoryRenderer(IAnsiConsole console)
{
    /// <summary>The runs, oldest first, one line each.</summary>
    public void RenderList(IReadOnlyList<HistoryEntry> runs, string path)
    {
        ArgumentNullException.ThrowIfNull(runs);
        console.WriteLine();
        console.MarkupLine($"[bold]█ HISTORY[/]  {Markup.Escape(path)}");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("id").RightAligned());
        table.AddColumn("when");
        table.AddColumn("target");
        table.AddColumn(new TableColumn("TPS").RightAligned());
        table.AddColumn(new TableColumn("p95").RightAligned());
        table.AddColumn(new TableColumn("errors").RightAligned());
        table.AddColumn("verdict");
        table.AddColumn("bottleneck");
        table.AddColumn("tags");
        foreach (var run in runs)
        {
            table.AddRow(
                run.Id.ToString(CultureInfo.InvariantCulture),
                run.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(run.Target),
                Units.Number(run.Tps) + "/s",
                Units.Time(run.P95Ms),
                Units.Percent(run.ErrorRate),
                run.ExitCode == 0 ? "[green]passed[/]" : $"[red]failed ({run.ExitCode})[/]",
                Markup.Escape(run.Diagnosis ?? ""),
                Markup.Escape(string.Join(' ', run.Tags.Select(t => $"{t.Key}={t.Value}"))));
        }

        console.Write(table);
        console.WriteLine();
    }

    /// <summary>TPS and p95 run by run, with a mark on each run where a level changed for good.</summary>
    public void RenderTrend(IReadOnlyList<HistoryEntry> runs, IReadOnlyList<ChangePoint> tpsChanges, IReadOnlyList<ChangePoint> p95Changes, string target)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(tpsChanges);
        ArgumentNullException.ThrowIfNull(p95Changes);
        console.WriteLine();
        console.MarkupLine($"[bold]█ TREND[/]  {Markup.Escape(target)}  ({runs.Count} runs)");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("id").RightAligned());
        table.AddColumn("when");
        table.AddColumn(new TableColumn("TPS").RightAligned());
        table.AddColumn("");
        table.AddColumn(new TableColumn("p95").RightAligned());
        table.AddColumn("");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            table.AddRow(
                run.Id.ToString(CultureInfo.InvariantCulture),
                run.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Units.Number(run.Tps) + "/s",
                Mark(tpsChanges.FirstOrDefault(c => c.Index == i), higherIsBetter: true, Tps),
                Units.Time(run.P95Ms),
                Mark(p95Changes.FirstOrDefault(c => c.Index == i), higherIsBetter: false, Units.Time));
        }

        console.Write(table);
        console.MarkupLine(tpsChanges.Count + p95Changes.Count == 0
            ? "  No lasting change: TPS and p95 stayed at one level (permutation test of a mean shift, α = 0.01)."
            : "  ▲▼ a lasting change from this run on (permutation test of a mean shift, α = 0.01).");
        console.WriteLine();
    }

    private static string Tps(double value) => Units.Number(value) + "/s";

    private static string Mark(ChangePoint? change, bool higherIsBetter, Func<double, string> format)
    {
        if (change is null)
        {
            return "";
        }

        var up = change.MeanAfter > change.MeanBefore;
        var color = up == higherIsBetter ? "green" : "red";
        var percent = double.IsFinite(change.ChangePercent) ? $" {(change.ChangePercent > 0 ? "+" : "")}{change.ChangePercent.ToString("0.0", CultureInfo.InvariantCulture)}%" : "";
        return $"[{color}]{(up ? "▲" : "▼")} {format(change.MeanBefore)} → {format(change.MeanAfter)}{percent}[/]";
    }
}
