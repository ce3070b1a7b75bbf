using Spectre.Console;
using Surge.Outcome;

namespace Surge.Reports.Console;

/// <summary>The summary's per-endpoint table: requests, TPS, latency and errors by method and name.</summary>
internal static class EndpointTable
{
    /// <summary>The table of <paramref name="rows"/>.</summary>
    /// <param name="rows">The endpoints, busiest first.</param>
    /// <param name="openModel">
    /// Whether open-model requests are in it: their avg/p95/p99 count from when the iteration was due,
    /// so a request that follows a slow one carries its wait, and a service p95 column (the server's
    /// own time, per endpoint) tells the slow endpoint apart.
    /// </param>
    public static Table For(IReadOnlyList<EndpointRow> rows, out bool openModel)
    {
        var open = openModel = rows.Any(r => r.ServiceP95Ms is not null);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("name");
        table.AddColumn("method");
        foreach (var header in open ? ["requests", "TPS", "avg", "p95", "p99", "service p95", "errors"] : new[] { "requests", "TPS", "avg", "p95", "p99", "errors" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(row.Name),
                row.Method,
                Units.Number(row.Requests, 0),
                Units.Number(row.Tps, 1),
                Units.Time(row.AvgMs),
                Units.Time(row.P95Ms),
                Units.Time(row.P99Ms),
            };
            if (open)
            {
                cells.Add(row.ServiceP95Ms is { } service ? Units.Time(service) : "-");
            }

            cells.Add(row.Failed == 0 ? "0" : $"[red]{row.Failed} ({Units.Percent(row.Requests == 0 ? 0 : (double)row.Failed / row.Requests)})[/]");
            table.AddRow([.. cells]);
        }

        return table;
    }
}
