using System.Text.Json;
using Surge.Metrics;
using Surge.Monitoring;
using Surge.Outcome;
using Surge.Reports.Html;
using Surge.Tests.Outcome;
using Surge.TestSupport;
using Surge.Thresholds;
using Surge.Timeline;

namespace Surge.Cli.Tests.Reports;

public class ReportDataTests
{
    [Fact]
    public void Of_SampleRunWithThreeSeconds_MatchesTheExpectedDataBlock()
    {
        var summary = SampleRun.Summary(stepMicros: 10, interruptedIterations: 0, GoalParser.Parse("p95<100ms"), GoalParser.Parse("errors<1%")) with
        {
            Resources = [new ResourceSummary("web", "host", 3, 55.5, 91.25, 3_221_225_472, 8_589_934_592, 12_500_000, 48_000_000)],
        };

        var data = ReportData.Of(new RunOutcome(summary, Timeline(summary.StartTime)), DiagnosisLanguage.English);

        using var document = JsonDocument.Parse(data);
        Expectations.Verify("report-data.json", JsonSerializer.Serialize(document.RootElement, Indented) + "\n");
    }

    [Fact]
    public void Of_SecondWithoutResponses_HasNoPercentilesRatherThanZeros()
    {
        var start = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
        var empty = new TimelineSecond(start.AddSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), [], [], []);

        using var row = JsonDocument.Parse(ReportSecond.Json(empty, start, openModel: true));

        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("p95").ValueKind);
        Assert.Equal(0, row.RootElement.GetProperty("off").GetDouble());
        Assert.False(row.RootElement.TryGetProperty("gen", out _));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Three seconds: /fast answering in 1–3 ms, a 500 and a refused connection in the second, the host sampled each second.</summary>
    private static RunTimeline Timeline(DateTimeOffset start)
    {
        var registry = new MetricRegistry();
        var metrics = new BuiltinMetrics(registry);
        var timeline = RunTimeline.Start(start);
        for (var s = 1; s <= 3; s++)
        {
            var series = new List<SeriesSecond>();
            void Requests(int status, string? error, int count, long micros)
            {
                var tags = TagSet.Of("scenario", "default", "method", "GET", "name", "/fast", "status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                tags = error is null ? tags : tags.With("error", error);
                var reqs = MetricAggregate.Create(MetricType.Counter);
                var durations = MetricAggregate.Create(MetricType.Trend);
                for (var i = 0; i < count; i++)
                {
                    reqs.AddCounter(1);
                    durations.AddTrendMicros(micros * (1 + (i % 3)));
                }

                series.Add(SeriesSecond.Of(registry.GetSeries(metrics.HttpReqs, tags), reqs));
                if (error is null)
                {
                    series.Add(SeriesSecond.Of(registry.GetSeries(metrics.HttpReqDuration, tags), durations));
                }
            }

            Requests(200, null, 100 * s, 1_000);
            if (s == 2)
            {
                Requests(500, null, 3, 2_000);
                Requests(0, "refused", 2, 0);
            }

            var vus = MetricAggregate.Create(MetricType.Gauge);
            vus.SetGauge(10, 10, 10);
            series.Add(SeriesSecond.Of(registry.GetSeries(metrics.Vus, TagSet.Empty), vus));
            var sample = new ResourceSample { Target = "web", Kind = "host", CpuPercent = 30.25 * s, MemoryUsedBytes = 1_000_000_000 + s, NetworkRxBytesPerSecond = 1234.5 };
            IReadOnlyList<TestEvent> events = s == 3 ? [new TestEvent(EventKind.GeneratorLimited, TimeSpan.FromSeconds(3), "the load generator is saturated")] : [];
            timeline = timeline.Append(new TimelineSecond(start.AddSeconds(s), TimeSpan.FromSeconds(s), TimeSpan.FromSeconds(1), series, [sample], events) { GeneratorCpuPercent = 20 + s });
        }

        return timeline;
    }
}
