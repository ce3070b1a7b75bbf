using Spectre.Console;
using Surge.Execution;
using Surge.Metrics;
using Surge.Reports.Console;
using Surge.Summary;
using Surge.Thresholds;

namespace Surge.Cli.Tests.Reports;

public class SummaryRendererTests
{
    [Fact]
    public void Render_SummaryWithGoalsEndpointsAndErrors_MatchesTheExpectedText()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160; // as in CI logs and files (Consoles.RedirectedWidth)

        new SummaryRenderer(console, TrendStats.Default).Render(Sample());

        Expectations.Verify("summary.txt", writer.ToString());
    }

    private static TestSummary Sample()
    {
        var registry = new MetricRegistry();
        var metrics = new BuiltinMetrics(registry);
        var totals = new MetricTotals();
        void Requests(string name, int status, string? error, int count, long micros)
        {
            var expected = status is >= 200 and < 400;
            var tags = TagSet.Of("scenario", "default", "method", "GET", "name", name, "status", status.ToString(), "expected_response", expected ? "true" : "false");
            tags = error is null ? tags : tags.With("error", error);
            var reqs = MetricAggregate.Create(MetricType.Counter);
            var failed = MetricAggregate.Create(MetricType.Rate);
            var duration = MetricAggregate.Create(MetricType.Trend);
            var sent = MetricAggregate.Create(MetricType.Counter);
            for (var i = 0; i < count; i++)
            {
                reqs.AddCounter(1);
                failed.AddRate(!expected);
                duration.AddTrendMicros(micros + (i * 10));
                sent.AddCounter(80);
            }

            totals.Add(registry.GetSeries(metrics.HttpReqs, tags), reqs);
            totals.Add(registry.GetSeries(metrics.HttpReqFailed, tags), failed);
            totals.Add(registry.GetSeries(metrics.HttpReqDuration, tags), duration);
            totals.Add(registry.GetSeries(metrics.DataSent, tags), sent);
        }

        Requests("/fast", 200, null, 900, 1_000);
        Requests("/slow", 200, null, 80, 50_000);
        Requests("/slow", 500, null, 15, 60_000);
        Requests("/slow", 0, "refused", 5, 100);
        var vus = MetricAggregate.Create(MetricType.Gauge);
        vus.SetGauge(10, 0, 10);
        totals.Add(registry.GetSeries(metrics.Vus, TagSet.Empty), vus);
        var duration = TimeSpan.FromSeconds(10);
        var thresholds = new[] { GoalParser.Parse("tps>=50"), GoalParser.Parse("errors<1%"), ThresholdParser.ParseSpec("http_req_duration{name:/slow}:p(95)<100") };
        return new TestSummary(
            new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero),
            duration,
            StopReason.Completed,
            "GET http://127.0.0.1:8080/",
            [new ScenarioSummary("default", "constant-vus", "10 looping VUs for 10s (gracefulStop: 30s)", 1000, 2, 0, null)],
            totals,
            ThresholdEvaluator.Evaluate(thresholds, totals, duration));
    }
}
