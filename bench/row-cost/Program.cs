using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

// What the dashboard does once a second, measured alone: ReportSecond.Json (merge the second's
// histograms, four percentiles, errors, resources, JSON) over every second of a results file.
// The types are internal to Surge; reflection keeps them so rather than opening them to a benchmark.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/row-cost -- RESULTS.ndjson");
    return 2;
}

var surge = Assembly.Load("Surge");
var reports = Assembly.Load("Surge.Reports");
var outcome = surge.GetType("Surge.Results.ResultsFileReader")!.GetMethod("ReadRun")!.Invoke(null, [args[0]])!;
var timeline = outcome.GetType().GetProperty("Timeline")!.GetValue(outcome)!;
var seconds = ((IEnumerable)timeline.GetType().GetProperty("Seconds")!.GetValue(timeline)!).Cast<object>().ToList();
var start = (DateTimeOffset)timeline.GetType().GetProperty("StartTime")!.GetValue(timeline)!;
var row = reports.GetType("Surge.Reports.Html.ReportSecond")!.GetMethod("Json")!;
foreach (var second in seconds.Take(50))
{
    row.Invoke(null, [second, start, false]); // warm-up
}

for (var round = 1; round <= 3; round++)
{
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    foreach (var second in seconds)
    {
        row.Invoke(null, [second, start, false]);
    }

    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: {seconds.Count} rows, {clock.Elapsed.TotalMilliseconds * 1000 / seconds.Count:0} µs wall and {cpu.TotalMilliseconds * 1000 / seconds.Count:0} µs CPU per row (per second of test)"));
}

return 0;
