using Surge.Metrics;
using Surge.Outcome;
using Surge.Thresholds;
using Surge.Timeline;

namespace Surge.Results;

/// <summary>
/// What one results file holds, as read: the test it belongs to, its seconds and its end. Several
/// files of one test's generators merge into one (<see cref="Distributed.ResultsMerge"/>).
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="TestId">The test's id (the same on every generator of it); empty in files written before ids.</param>
/// <param name="Segment">The generator's execution segment, e.g. <c>1/4:1/2</c>; null for a test not split.</param>
/// <param name="Target">What was tested.</param>
/// <param name="Timeline">The seconds.</param>
internal sealed record ResultsFile(string Path, string TestId, string? Segment, string Target, RunTimeline Timeline)
{
    public IReadOnlyList<ThresholdDefinition> Thresholds { get; init; } = [];

    public IReadOnlyList<ScenarioSummary> Scenarios { get; init; } = [];

    public TimeSpan Duration { get; init; }

    public TimeSpan LoadDuration { get; init; }

    public StopReason Reason { get; init; }

    public string? StopMessage { get; init; }

    public IReadOnlyList<string> FailReasons { get; init; } = [];

    public GeneratorHealth Generator { get; init; } = new(TimeSpan.Zero, 0, 0, TimeSpan.Zero, null);

    public IReadOnlyList<Monitoring.ResourceSummary> Resources { get; init; } = [];

    public Diagnosis? Diagnosis { get; init; }

    /// <summary>
    /// The summary and timeline: the seconds are summed the same way as during the run, so percentiles
    /// and verdicts come out identical; thresholds are evaluated on those sums.
    /// </summary>
    public RunOutcome ToOutcome()
    {
        var totals = new MetricTotals();
        foreach (var series in Timeline.Seconds.SelectMany(s => s.Series))
        {
            totals.Add(series.Series, series.ToAggregate());
        }

        var summary = new TestSummary(Timeline.StartTime, Duration, Reason, Target, Scenarios, totals, ThresholdEvaluator.Evaluate(Thresholds, totals, Duration, loadTime: LoadDuration))
        {
            LoadDuration = LoadDuration,
            StopMessage = StopMessage,
            FailReasons = FailReasons,
            Generator = Generator,
            Resources = Resources,
        };

        // The run's own diagnosis where the file has it; a file cut short (or older) has none, and the
        // reader's callers diagnose its seconds (Diagnoser.Complete), as the analysis sits above this layer.
        return new RunOutcome(Diagnosis is null ? summary : summary with { Diagnosis = Diagnosis }, Timeline);
    }
}
