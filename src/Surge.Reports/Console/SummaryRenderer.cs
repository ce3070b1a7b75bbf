using Spectre.Console;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Results;
using Surge.Thresholds;

namespace Surge.Reports.Console;

/// <summary>
/// Prints the end-of-test summary: goals and thresholds, TPS and latency, the per-endpoint table,
/// status codes and network errors, every metric in k6's layout, then the diagnosis.
/// </summary>
/// <param name="console">Where the summary goes.</param>
/// <param name="trendStats">The trend stats to show.</param>
/// <param name="language">The diagnosis's language; English when not given.</param>
internal sealed class SummaryRenderer(IAnsiConsole console, IReadOnlyList<string> trendStats, DiagnosisLanguage? language = null)
{
    private const int KeyWidth = 36;

    /// <summary>Renders the whole summary.</summary>
    public void Render(TestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        console.WriteLine();
        if (summary.Thresholds.Count > 0)
        {
            Heading("GOALS AND THRESHOLDS");
            foreach (var result in summary.Thresholds)
            {
                Threshold(result);
            }

            console.WriteLine();
        }

        Heading("TOTAL RESULTS");
        var requests = summary.Metric("http_reqs").Sum;
        var failed = summary.Metric("http_req_failed");
        var latency = summary.Metric("http_req_duration");
        Line("TPS", $"[bold]{Units.Number(summary.Tps)}/s[/]  ({Throughput(summary.Responses, requests, summary.LoadTime)})");
        var openModel = summary.Scenarios.Any(s => s.OpenModel);
        var label = !openModel ? "Latency" : summary.Scenarios.All(s => s.OpenModel) ? "Latency (from schedule)" : "Latency (open model: from schedule)";
        Line(label, Trend(latency, ["avg", "min", "med", "p(90)", "p(95)", "p(99)", "max"]));
        if (openModel)
        {
            // Both, labelled: the corrected latency users felt, and the server's own time per request.
            Line(summary.Scenarios.All(s => s.OpenModel) ? "Service time (uncorrected)" : "Service time (open model, uncorrected)", Trend(summary.Metric("http_req_service_time"), ["avg", "min", "med", "p(90)", "p(95)", "p(99)", "max"]));
        }

        Line("Errors (http_req_failed)", $"{Units.Percent(failed.Rate)}  {failed.Trues} out of {failed.Count}");
        var threw = summary.Scenarios.Sum(s => s.FailedIterations);
        if (threw > 0)
        {
            // Not requests, so not in the error rate; but a script that fails every time must not look clean.
            var ran = summary.Scenarios.Sum(s => s.CompletedIterations + s.InterruptedIterations);
            Line("Iteration errors", $"[red]{threw} of {ran} iterations threw[/] (the first messages are under SCENARIO)");
        }

        console.WriteLine();
        Checks(summary);
        Groups(summary);
        Endpoints(summary);
        Statuses(summary);
        Scenarios(summary);
        Servers(summary);
        Generator(summary);
        Metrics(summary);
        new DiagnosisRenderer(console, language ?? DiagnosisLanguage.English).Render(summary.Diagnosis);
        Verdict(summary);
    }

    private void Checks(TestSummary summary)
    {
        var checks = summary.Checks();
        if (checks.Count == 0)
        {
            return;
        }

        Heading("CHECKS");
        var passes = checks.Sum(c => c.Passes);
        var total = passes + checks.Sum(c => c.Fails);
        Line("checks_total", $"{Units.Number(total, 0),-10} {Units.Number(summary.PerSecond(total), 4)}/s");
        Line("checks_succeeded", $"{Units.Percent(total == 0 ? 0 : (double)passes / total),-10} {passes} out of {total}");
        Line("checks_failed", $"{Units.Percent(total == 0 ? 0 : (double)(total - passes) / total),-10} {total - passes} out of {total}");
        console.WriteLine();

        // Names padded to one column (a grouped check is indented two more) so the counts line up.
        var nameWidth = checks.Max(c => (c.Group.Length > 0 ? 2 : 0) + c.Name.Length);
        var passWidth = checks.Max(c => Units.Number(c.Passes, 0).Length);
        foreach (var group in checks.GroupBy(c => c.Group))
        {
            var indent = "    ";
            if (group.Key.Length > 0)
            {
                console.MarkupLine($"    ↳ group {Markup.Escape(group.Key)}");
                indent = "      ";
            }

            foreach (var check in group)
            {
                var name = check.Name.PadRight(nameWidth - (indent.Length - 4));
                var counts = $"{Units.Number(check.Passes, 0).PadLeft(passWidth)} passed" + (check.Fails == 0 ? "" : $", {Units.Number(check.Fails, 0)} failed");
                console.MarkupLine(check.Fails == 0
                    ? $"{indent}[green]✓[/] {Markup.Escape(name)}  {counts}"
                    : $"{indent}[red]✗[/] {Markup.Escape(name)}  {counts}");
            }
        }

        console.WriteLine();
    }

    private void Groups(TestSummary summary)
    {
        var groups = summary.Groups();
        if (groups.Count == 0)
        {
            return;
        }

        Heading("GROUPS");
        foreach (var group in groups)
        {
            Line(group.Path, $"{group.Duration.Count,-6} runs  " + Markup.Escape(Trend(group.Duration, trendStats)));
        }

        console.WriteLine();
    }

    private void Heading(string title) => console.MarkupLine($"  [bold]█ {title}[/]");

    private void Line(string key, string markupValue) =>
        console.MarkupLine($"    {Markup.Escape(Dots(key))}: {markupValue}");

    private static string Dots(string key) => key.Length >= KeyWidth ? key : key + new string('.', KeyWidth - key.Length);

    private void Threshold(ThresholdResult result)
    {
        var definition = result.Definition;
        var mark = result.Passed ? "[green]✓[/]" : "[red]✗[/]";
        var label = definition.Goal is not null
            ? $"goal {definition.Goal}"
            : $"{definition.MetricKey} '{definition.Expression}'";
        if (result.NoSamples)
        {
            console.MarkupLine($"    {mark} {Markup.Escape(label)}  [red]no samples of {Markup.Escape(definition.MetricKey)}: nothing to check it against[/]");
            return;
        }

        var observed = ObservedText(definition, result.Observed);
        console.MarkupLine($"    {mark} {Markup.Escape(label)}  {Markup.Escape(definition.Aggregation)}={Markup.Escape(observed)}");
    }

    internal static string ObservedText(ThresholdDefinition definition, double observed) => definition switch
    {
        { Aggregation: "rate", MetricName: "http_reqs" } => Units.Number(observed) + "/s",
        { Aggregation: "rate" } => Units.Percent(observed),
        { Aggregation: "count" or "value" } => Units.Number(observed),
        _ when definition.MetricName.StartsWith("http_req_", StringComparison.Ordinal) || definition.MetricName == "iteration_duration" => Units.Time(observed),
        _ => Units.Number(observed),
    };

    private static string Trend(MetricAggregate values, IEnumerable<string> stats, bool time = true) =>
        string.Join(' ', stats.Select(stat =>
        {
            var value = TrendStats.Value(values, stat);
            var text = stat == "count" || !time ? Units.Number(value) : Units.Time(value);
            return $"{stat}={text,-9}";
        })).TrimEnd();

    private void Endpoints(TestSummary summary)
    {
        var rows = summary.Endpoints();
        if (rows.Count == 0)
        {
            return;
        }

        var table = EndpointTable.For(rows, out var openModel);
        Heading(openModel ? "ENDPOINTS (latency from schedule; service p95: the server's own time)" : "ENDPOINTS");
        console.Write(new Padder(table).Padding(4, 0, 0, 0));
    }

    private void Statuses(TestSummary summary)
    {
        var statuses = summary.StatusCounts();
        if (statuses.Count > 0)
        {
            Line("status codes", string.Join("  ", statuses.Select(s => $"{(s.Key == 0 ? "no response" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {s.Value}")));
        }

        var errors = summary.ErrorCounts();
        if (errors.Count > 0)
        {
            Line("network errors", "[red]" + Markup.Escape(string.Join("  ", errors.Select(e => $"{e.Key}: {e.Value}"))) + "[/]");
        }

        console.WriteLine();
    }

    private void Scenarios(TestSummary summary)
    {
        foreach (var scenario in summary.Scenarios)
        {
            Heading($"SCENARIO {Markup.Escape(scenario.Name)}");
            console.MarkupLine($"    [grey]{Markup.Escape($"{scenario.Executor}: {scenario.Description}")}[/]");
            var iterations = $"{scenario.CompletedIterations} complete, {scenario.InterruptedIterations} interrupted";
            if (scenario.DroppedIterations > 0)
            {
                iterations += $", [red]{scenario.DroppedIterations} dropped[/]";
            }

            Line("iterations", iterations);
            if (scenario.OpenModel && scenario.ConfiguredRate > 0)
            {
                var share = scenario.AchievedRate / scenario.ConfiguredRate;
                var colour = share < 0.95 ? "red" : "green";
                Line("rate", $"achieved [{colour}]{Units.Number(scenario.AchievedRate)}/s[/] of {Units.Number(scenario.ConfiguredRate)}/s configured ({Units.Percent(share)})");
            }

            var tags = TagSet.Of("scenario", scenario.Name);
            var requests = summary.Metric("http_reqs", tags).Sum;
            if (requests > 0)
            {
                var latency = summary.Metric("http_req_duration", tags);
                var load = scenario.LoadTime > TimeSpan.Zero ? scenario.LoadTime : scenario.Ran > TimeSpan.Zero ? scenario.Ran : summary.Duration;
                var responses = summary.ResponsesOf(tags);
                Line("TPS", $"{Units.Number(responses / load.TotalSeconds)}/s  ({Throughput(responses, requests, load)})");
                Line(scenario.OpenModel ? "Latency (from schedule)" : "Latency", Markup.Escape(Trend(latency, ["avg", "med", "p(95)", "p(99)", "max"])));
                if (scenario.OpenModel)
                {
                    Line("Service time (uncorrected)", Markup.Escape(Trend(summary.Metric("http_req_service_time", tags), ["avg", "med", "p(95)", "p(99)", "max"])));
                }
            }

            if (scenario.FailedIterations > 0)
            {
                Line("iteration errors", $"[red]{scenario.FailedIterations}[/]");
                foreach (var error in scenario.Errors)
                {
                    console.MarkupLine($"      [red]✗[/] {error.Count,6}  {Markup.Escape(error.ToString())}");
                }
            }

            console.WriteLine();
        }
    }

    private void Servers(TestSummary summary)
    {
        if (summary.Resources.Count == 0)
        {
            return;
        }

        Heading("SERVERS (sampled every second)");
        foreach (var target in summary.Resources)
        {
            Line(target.Target, Markup.Escape(ResourceLine.Peaks(target)));
            if (target.Problem is not null)
            {
                console.MarkupLine($"      [yellow]{Markup.Escape(target.Problem)}[/]");
            }
        }

        console.WriteLine();
    }

    private void Generator(TestSummary summary)
    {
        var health = summary.Generator;
        if (health.MeanCpu <= 0 && health.MaxLag <= TimeSpan.Zero)
        {
            return;
        }

        var gc = health.Gc;
        Line("load generator", $"CPU {Units.Percent(health.MeanCpu)} mean, {Units.Percent(health.PeakCpu)} peak (of all cores); timer lag up to {Units.Time(health.MaxLag.TotalMilliseconds)}; " +
            $"GC {gc.Gen0} collections ({gc.Gen2} full), paused {Units.Time(gc.Paused.TotalMilliseconds)}");
        if (health.Verdict is not null)
        {
            console.MarkupLine($"    [red]⚠ {Markup.Escape(health.Verdict)}[/]");
        }

        console.WriteLine();
    }

    private void Metrics(TestSummary summary)
    {
        foreach (var (category, names) in Categories(summary))
        {
            console.MarkupLine($"    [bold]{category}[/]");
            foreach (var (key, metric, filter) in names)
            {
                var values = summary.Totals.Merge(metric, filter);
                var label = filter is null ? key : "  " + filter.ToString();
                var empty = filter is not null && metric.Type != MetricType.Counter && values.Count == 0;
                Line(label, empty ? "no samples" : Markup.Escape(MetricText(summary, metric, values)));
            }

            console.WriteLine();
        }
    }

    private static IEnumerable<(string Category, List<(string Key, Metric Metric, TagSet? Filter)> Keys)> Categories(TestSummary summary)
    {
        // checks and group_duration have blocks of their own (CHECKS, GROUPS).
        var keys = SummaryJsonExporter.MetricKeys(summary).Where(k => k.Metric.Name is not ("checks" or "group_duration")).ToList();
        static string CategoryOf(string name) => name switch
        {
            _ when name.StartsWith("http_", StringComparison.Ordinal) => "HTTP",
            "iterations" or "iteration_duration" or "vus" or "vus_max" or "dropped_iterations" => "EXECUTION",
            "data_sent" or "data_received" => "NETWORK",
            _ => "CUSTOM",
        };
        foreach (var category in new[] { "CUSTOM", "HTTP", "EXECUTION", "NETWORK" })
        {
            var inCategory = keys.Where(k => CategoryOf(k.Metric.Name) == category).ToList();
            if (inCategory.Count > 0)
            {
                yield return (category, inCategory);
            }
        }
    }

    private string MetricText(TestSummary summary, Metric metric, MetricAggregate values) => metric.Type switch
    {
        MetricType.Counter when metric.Contains == MetricContains.Data =>
            $"{Units.Bytes(values.Sum),-10} {Units.Bytes(summary.PerSecond(values.Sum))}/s",
        MetricType.Counter => $"{Units.Number(values.Sum, 0),-10} {Units.Number(summary.PerSecond(values.Sum), 4)}/s",
        MetricType.Gauge => $"{Units.Number(values.Value),-10} min={Units.Number(values.IsEmpty ? 0 : values.Min)} max={Units.Number(values.IsEmpty ? 0 : values.Max)}",
        MetricType.Rate => $"{Units.Percent(values.Rate),-10} {values.Trues} out of {values.Count}",
        _ => Trend(values, trendStats, metric.Contains == MetricContains.Time),
    };

    private void Verdict(TestSummary summary)
    {
        var verdict = summary.StopReason switch
        {
            Outcome.StopReason.Interrupted => "[yellow]INTERRUPTED[/]: stopped by a signal; every result so far is above.",
            Outcome.StopReason.Unfinished => $"[yellow]UNFINISHED[/]: the results file ends at {Units.Clock(summary.Duration)} with no stop line (the run was killed, or the file cut); every whole second in it is above.",
            Outcome.StopReason.ThresholdAborted => "[red]ABORTED[/]: a threshold with abortOnFail failed.",
            Outcome.StopReason.ScriptAborted => $"[red]ABORTED[/] by the script: {Markup.Escape(summary.StopMessage ?? "Abort() was called")}",
            Outcome.StopReason.ScriptError => $"[red]SCRIPT ERROR[/]: {Markup.Escape(summary.StopMessage ?? "the script failed")}",
            _ when !summary.ThresholdsPassed => "[red]FAILED[/]: some goals or thresholds were not met.",
            _ when summary.FailReasons.Count > 0 => $"[red]FAILED[/] by the script: {Markup.Escape(string.Join("; ", summary.FailReasons))}",
            _ when summary.Thresholds.Count == 0 => "[green]DONE[/]: no goals or thresholds were checked.",
            _ when summary.ThresholdsPassed => "[green]PASSED[/]: every goal and threshold held.",
            _ => "[red]FAILED[/]: some goals or thresholds were not met.",
        };
        console.MarkupLine($"  {verdict}");
    }

    /// <summary>What a TPS figure counts: responses (not attempts) over the time the load ran.</summary>
    private static string Throughput(double responses, double requests, TimeSpan load)
    {
        var unanswered = requests - responses;
        return $"{Units.Number(responses, 0)} responses in {Units.Time(load.TotalMilliseconds)} of load"
            + (unanswered > 0 ? $"; {Units.Number(unanswered, 0)} requests got none" : "");
    }
}
