using Spectre.Console;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Timeline;

namespace Surge.Reports.Console;

/// <summary>
/// The console view of a run: a start banner, one live line per second (elapsed, VUs, TPS, p95,
/// error rate) with the monitors' samples of that second, events as they happen, and the summary at the end.
/// </summary>
internal sealed class ConsoleOutput : ITestOutput
{
    private readonly IAnsiConsole _live;
    private readonly IAnsiConsole _summary;
    private readonly IReadOnlyList<string> _trendStats;
    private readonly bool _quiet;
    private readonly MetricAggregate _latency = MetricAggregate.Create(MetricType.Trend);
    private readonly MetricAggregate _service = MetricAggregate.Create(MetricType.Trend);
    private bool _generatorLimited;
    private long _iterations;
    private int _maxVus;

    /// <summary>Creates the output.</summary>
    /// <param name="live">Where the banner, live lines and events go (stderr, as in k6).</param>
    /// <param name="summary">Where the summary goes (stdout).</param>
    /// <param name="trendStats">The trend stats to print.</param>
    /// <param name="quiet">No banner and no live lines; the summary is still printed.</param>
    public ConsoleOutput(IAnsiConsole live, IAnsiConsole summary, IReadOnlyList<string> trendStats, bool quiet)
    {
        _live = live;
        _summary = summary;
        _trendStats = trendStats;
        _quiet = quiet;
    }

    /// <summary>The language of the summary's diagnosis.</summary>
    public Outcome.DiagnosisLanguage Language { get; init; } = Outcome.DiagnosisLanguage.English;

    /// <inheritdoc />
    public void OnStart(TestStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _maxVus = start.Plan.MaxVus;
        if (_quiet)
        {
            return;
        }

        var plan = start.Plan;
        _live.MarkupLine($"[bold]surge[/] {SurgeVersion.Value}");
        _live.MarkupLine($"     target: {Markup.Escape(plan.Target)}");
        _live.MarkupLine($"  scenarios: {plan.Scenarios.Count} scenario(s), {plan.MaxVus} max VUs, {Configuration.Durations.Format(plan.MaxDuration)} max duration (incl. graceful stop):");
        foreach (var scenario in plan.Scenarios)
        {
            var executor = scenario.Executor;
            var extra = (executor.StartTime > TimeSpan.Zero ? $", startTime: {Configuration.Durations.Format(executor.StartTime)}" : "")
                + (executor.Exec is not null && executor.Exec != scenario.Name ? $", exec: {executor.Exec}" : ""); // a YAML scenario's requests go by its name
            _live.MarkupLine($"           * {Markup.Escape(scenario.Name)}: {Markup.Escape(executor.Describe())}{Markup.Escape(extra)}");
        }

        if (plan.Monitors.Count > 0)
        {
            _live.MarkupLine($"   monitors: {Markup.Escape(string.Join(", ", plan.Monitors.Select(m => m.Label == m.Source ? m.Source : $"{m.Label} ({m.Source})")))}, every second");
        }

        foreach (var note in plan.Notes)
        {
            _live.MarkupLine($"       note: {Markup.Escape(note)}");
        }

        if (plan.Scenarios.Any(s => s.Executor.IsOpenModel))
        {
            _live.MarkupLine("    latency: counted from when each open-model iteration was due (coordinated omission corrected); http_req_service_time is the uncorrected time");
        }

        foreach (var threshold in plan.Thresholds)
        {
            var text = threshold.Goal is not null ? $"goal {threshold.Goal}" : $"{threshold.MetricKey}: {threshold.Expression}";
            _live.MarkupLine($"      check: {Markup.Escape(text)}{(threshold.AbortOnFail ? " (abortOnFail)" : "")}");
        }

        _live.WriteLine();
    }

    /// <inheritdoc />
    public void OnSecond(RunSecond second)
    {
        ArgumentNullException.ThrowIfNull(second);
        var interval = second.Live;
        var progress = second.Progress;
        if (_quiet || interval.Length <= TimeSpan.Zero)
        {
            return;
        }

        double requests = 0;
        long failed = 0, samples = 0;
        var mergedVus = 0;
        _latency.Reset();
        _service.Reset();
        foreach (var sample in interval.Samples)
        {
            switch (sample.Series.Metric.Name)
            {
                case "http_reqs":
                    requests += sample.Values.Sum;
                    break;
                case "http_req_failed":
                    failed += sample.Values.Trues;
                    samples += sample.Values.Count;
                    break;
                case "http_req_duration":
                    _latency.Add(sample.Values);
                    break;
                case "http_req_service_time":
                    _service.Add(sample.Values);
                    break;
                case "iterations":
                    _iterations += (long)sample.Values.Sum;
                    break;
                case "vus":
                    mergedVus += (int)sample.Values.Value;
                    break;
            }
        }

        // The seconds of a distributed test come without the generators' live progress: their merged metrics stand in.
        var vus = progress.Count > 0 ? progress.Sum(p => p.ActiveVus) : mergedVus;
        var maxVus = _maxVus;
        var complete = progress.Count > 0 ? progress.Sum(p => p.CompletedIterations) : _iterations;
        var interrupted = progress.Sum(p => p.InterruptedIterations);
        var tps = requests / interval.Length.TotalSeconds;
        var errors = samples == 0 ? 0 : (double)failed / samples;
        var errorText = errors > 0 ? $"[red]{Units.Percent(errors)}[/]" : Units.Percent(errors);
        // Open-model requests in this second (they alone have a service time): label the p95 and give the server's own.
        var open = _service.Count > 0;
        var p95Label = open ? "p95 (from schedule)" : "p95";
        var service = open ? $"  service p95 {Units.Time(_service.PercentileMicros(95) / 1000)}" : "";
        var generator = _generatorLimited ? "  [red]⚠ generator saturated: results show Surge's limit[/]" : "";
        var threw = progress.Sum(p => p.FailedIterations);
        var scriptErrors = threw > 0 ? $"  [red]iteration errors {threw}[/]" : "";
        _live.MarkupLine(
            $"running ({Units.Clock(interval.Elapsed)}), {vus}/{maxVus} VUs, {complete} complete and {interrupted} interrupted iterations" +
            $"  TPS [bold]{Units.Number(tps, 1)}[/]  {p95Label} {Units.Time(_latency.PercentileMicros(95) / 1000)}{service}  errors {errorText}{scriptErrors}{generator}");
        foreach (var sample in second.Second.Resources)
        {
            _live.MarkupLine("  ▸ " + Markup.Escape(ResourceLine.For(sample)));
        }

        var width = progress.Count == 0 ? 0 : progress.Max(p => p.Scenario.Name.Length);
        foreach (var scenario in progress)
        {
            _live.MarkupLine("  " + Markup.Escape(ProgressLine.For(scenario, width)));
        }
    }

    /// <inheritdoc />
    public void OnEvent(TestEvent testEvent)
    {
        ArgumentNullException.ThrowIfNull(testEvent);
        _generatorLimited = testEvent.Kind switch
        {
            EventKind.GeneratorLimited => true,
            EventKind.GeneratorRecovered => false,
            _ => _generatorLimited,
        };
        var colour = testEvent.Kind is EventKind.ThresholdFailed or EventKind.Aborted ? "red" : "yellow";
        _live.MarkupLine($"[{colour}]{Markup.Escape(testEvent.Message)}[/] at {Units.Clock(testEvent.Elapsed)}");
    }

    /// <inheritdoc />
    public void OnEnd(TestSummary summary) => new SummaryRenderer(_summary, _trendStats, Language).Render(summary);
}
