using Surge.Metrics;
using Surge.Thresholds;

namespace Surge.Outcome;

/// <summary>
/// The end-of-test result: run facts, whole-run totals of every series and the threshold verdicts.
/// Console summary, summary JSON and exit code are all read from it.
/// </summary>
internal sealed record TestSummary
{
    /// <summary>Creates a summary.</summary>
    public TestSummary(
        DateTimeOffset startTime,
        TimeSpan duration,
        StopReason stopReason,
        string target,
        IReadOnlyList<ScenarioSummary> scenarios,
        MetricTotals totals,
        IReadOnlyList<ThresholdResult> thresholds)
    {
        StartTime = startTime;
        Duration = duration;
        StopReason = stopReason;
        Target = target;
        Scenarios = scenarios;
        Totals = totals;
        Thresholds = thresholds;
    }

    /// <summary>When the test started.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>How long it ran, graceful stop included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Why it ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>What was tested.</summary>
    public string Target { get; }

    /// <summary>Per-scenario iteration counts.</summary>
    public IReadOnlyList<ScenarioSummary> Scenarios { get; }

    /// <summary>Whole-run values of every series.</summary>
    public MetricTotals Totals { get; }

    /// <summary>Every threshold and goal with its verdict.</summary>
    public IReadOnlyList<ThresholdResult> Thresholds { get; init; }

    /// <summary>What stopped the test early, in words (the script's abort reason, Setup's exception), if anything did.</summary>
    public string? StopMessage { get; init; }

    /// <summary>Why the script marked the test as failed with <c>Fail()</c>; empty when it did not.</summary>
    public IReadOnlyList<string> FailReasons { get; init; } = [];

    /// <summary>How the load generator itself fared: CPU, timer lag, and whether it limited the results.</summary>
    public GeneratorHealth Generator { get; init; } = new(TimeSpan.Zero, 0, 0, TimeSpan.Zero, null);

    /// <summary>Each monitored server or process over the run: average and peak CPU, peak memory, network peaks.</summary>
    public IReadOnlyList<Monitoring.ResourceSummary> Resources { get; init; } = [];

    /// <summary>What the run tells about the system: bottleneck, throughput limit, next steps; null until diagnosed.</summary>
    public Outcome.Diagnosis? Diagnosis { get; init; }

    /// <summary>True when every threshold and goal held.</summary>
    public bool ThresholdsPassed => Thresholds.All(t => t.Passed);

    /// <summary>k6's exit code for this outcome.</summary>
    public int ExitCode => StopReason switch
    {
        StopReason.Interrupted or StopReason.Unfinished => ExitCodes.ExternalAbort,
        StopReason.ScriptAborted => ExitCodes.ScriptAborted,
        StopReason.ScriptError => ExitCodes.ScriptError,
        _ when !ThresholdsPassed || StopReason == StopReason.ThresholdAborted => ExitCodes.ThresholdsFailed,
        _ when FailReasons.Count > 0 => ExitCodes.MarkedAsFailed,
        _ => ExitCodes.Success,
    };

    /// <summary>The whole-run values of a metric (or sub-metric), empty when it recorded nothing.</summary>
    public MetricAggregate Metric(string name, TagSet? filter = null) =>
        Totals.FindMetric(name) is { } metric ? Totals.Merge(metric, filter) : MetricAggregate.Create(MetricType.Counter);

    /// <summary>
    /// How long the load ran: from the first iteration's start to the last one's end, cut at the end of the
    /// scenarios' planned durations, so VU start-up before it and the graceful-stop tail after it do not
    /// water the throughput down. Zero when unknown (then <see cref="Duration"/> stands in).
    /// </summary>
    public TimeSpan LoadDuration { get; init; }

    /// <summary>The time throughput is counted over: <see cref="LoadDuration"/>, or the whole run when unknown.</summary>
    public TimeSpan LoadTime => LoadDuration > TimeSpan.Zero ? LoadDuration : Duration;

    /// <summary>Requests that got a response (any status); a refused or reset connection is a request, not a response.</summary>
    public double Responses => ResponsesOf();

    /// <summary>Requests whose series carry <paramref name="filter"/> (a scenario, an endpoint) that got a response.</summary>
    public double ResponsesOf(TagSet? filter = null) =>
        SeriesOf("http_reqs").Where(s => s.Series.Tags["error"] is null && (filter is null || s.Series.Tags.Contains(filter))).Sum(s => s.Values.Sum);

    /// <summary>
    /// Transactions per second in the people's sense: responses the server sent, per second of load
    /// (<see cref="Responses"/> ÷ <see cref="LoadTime"/>). A dead server has a TPS of 0, however many
    /// connections were refused.
    /// </summary>
    public double Tps => PerLoadSecond(Responses);

    /// <summary>A count per second of the time the load ran.</summary>
    public double PerLoadSecond(double count) => LoadTime > TimeSpan.Zero ? count / LoadTime.TotalSeconds : 0;

    /// <summary>A count per second of the test's duration.</summary>
    public double PerSecond(double count) => Duration > TimeSpan.Zero ? count / Duration.TotalSeconds : 0;

    /// <summary>Requests grouped by method and name, busiest first.</summary>
    public IReadOnlyList<EndpointRow> Endpoints()
    {
        var rows = new List<EndpointRow>();
        var services = SeriesOf("http_req_service_time").ToLookup(s => (Method: s.Series.Tags["method"] ?? "", Name: s.Series.Tags["name"] ?? ""));
        foreach (var group in SeriesOf("http_req_duration").GroupBy(s => (Method: s.Series.Tags["method"] ?? "", Name: s.Series.Tags["name"] ?? "")))
        {
            var durations = MetricAggregate.Create(MetricType.Trend);
            foreach (var sample in group)
            {
                durations.Add(sample.Values);
            }

            var service = MetricAggregate.Create(MetricType.Trend);
            foreach (var sample in services[group.Key])
            {
                service.Add(sample.Values);
            }

            var failed = SeriesOf("http_req_failed")
                .Where(s => s.Series.Tags["method"] == group.Key.Method && s.Series.Tags["name"] == group.Key.Name)
                .Sum(s => s.Values.Trues);
            rows.Add(new EndpointRow(
                group.Key.Method,
                group.Key.Name,
                durations.Count,
                PerLoadSecond(ResponsesOf(TagSet.Of("method", group.Key.Method, "name", group.Key.Name))),
                durations.MeanMicros / 1000,
                durations.PercentileMicros(95) / 1000,
                durations.PercentileMicros(99) / 1000,
                failed)
            {
                ServiceP95Ms = service.Count == 0 ? null : service.PercentileMicros(95) / 1000,
            });
        }

        return [.. rows.OrderByDescending(r => r.Requests).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Every check with its pass and fail counts, in the order they were first recorded.</summary>
    public IReadOnlyList<CheckRow> Checks() =>
    [
        .. SeriesOf("checks")
            .Where(s => s.Series.Tags["check"] is not null)
            .GroupBy(s => (Group: s.Series.Tags["group"] ?? "", Name: s.Series.Tags["check"]!))
            .OrderBy(g => g.Min(s => s.Series.Id))
            .Select(g => new CheckRow(g.Key.Group, g.Key.Name, g.Sum(s => s.Values.Trues), g.Sum(s => s.Values.Count - s.Values.Trues))),
    ];

    /// <summary>Every group with its durations, in path order (a group before its nested groups).</summary>
    public IReadOnlyList<GroupRow> Groups()
    {
        var rows = new List<GroupRow>();
        foreach (var group in SeriesOf("group_duration").Where(s => s.Series.Tags["group"] is not null).GroupBy(s => s.Series.Tags["group"]!))
        {
            var durations = MetricAggregate.Create(MetricType.Trend);
            foreach (var sample in group)
            {
                durations.Add(sample.Values);
            }

            rows.Add(new GroupRow(group.Key, durations));
        }

        return [.. rows.OrderBy(r => r.Path, StringComparer.Ordinal)];
    }

    /// <summary>Requests per HTTP status (0 = no response), in status order.</summary>
    public IReadOnlyList<KeyValuePair<int, long>> StatusCounts() =>
        [.. CountsBy("status").Select(p => new KeyValuePair<int, long>(int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture), p.Value)).OrderBy(p => p.Key)];

    /// <summary>Requests that got no response, per error kind (<c>refused</c>, <c>reset</c>, <c>timeout</c>, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ErrorCounts() => [.. CountsBy("error").OrderByDescending(p => p.Value)];

    private IEnumerable<KeyValuePair<string, long>> CountsBy(string tag) =>
        SeriesOf("http_reqs")
            .Where(s => s.Series.Tags[tag] is not null)
            .GroupBy(s => s.Series.Tags[tag]!)
            .Select(g => new KeyValuePair<string, long>(g.Key, (long)g.Sum(s => s.Values.Sum)));

    private IEnumerable<SeriesSample> SeriesOf(string metric) => Totals.Series.Where(s => s.Series.Metric.Name == metric);
}
