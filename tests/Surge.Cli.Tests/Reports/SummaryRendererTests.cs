using Spectre.Console;
using Surge.Metrics;
using Surge.Monitoring;
using Surge.Outcome;
using Surge.Reports.Console;
using Surge.Tests.Outcome;
using Surge.Thresholds;
using Surge.TestSupport;

namespace Surge.Cli.Tests.Reports;

public class SummaryRendererTests
{
    [Fact]
    public void Render_SummaryWithGoalsEndpointsAndErrors_MatchesTheExpectedText()
    {
        var run = SampleRun.Summary(
            stepMicros: 10,
            interruptedIterations: 2,
            GoalParser.Parse("tps>=50"),
            GoalParser.Parse("errors<1%"),
            ThresholdParser.ParseSpec("http_req_duration{name:/slow}:p(95)<100"),
            ThresholdParser.ParseSpec("http_req_duration{name:/checkout}:p(95)<500"));
        var summary = new TestSummary(run.StartTime, run.Duration, run.StopReason, run.Target, run.Scenarios, run.Totals, run.Thresholds)
        {
            Generator = new GeneratorHealth(TimeSpan.FromMilliseconds(4), 0.44, 0.31, TimeSpan.Zero, null) { Gc = new GcCounts(12, 3, 1, TimeSpan.FromMilliseconds(23)) },
            Resources =
            [
                new ResourceSummary("web", "host", 10, 63.5, 97.25, 3_221_225_472, 8_589_934_592, 12_500_000, 48_000_000),
                new ResourceSummary("db", "process", 10, 140, 188.5, 734_003_200, null, null, null),
                new ResourceSummary("api", "cgroup", 10, 71.5, 100.4, 402_653_184, null, null, null)
                {
                    CpuLimitCores = 0.5,
                    CpuQuotaCores = 0.5,
                    MemoryLimitBytes = 536_870_912,
                    CpuThrottledPeak = 93.2,
                },
                new ResourceSummary("worker", "cgroup", 10, 12, 30, 104_857_600, null, null, null) { CpuLimitCores = 2 },
                new ResourceSummary("cache", "unknown", 0, null, null, null, null, null, null)
                {
                    Problem = "the agent at 10.0.0.7:9661 is not answering (connection refused); is `surge agent` running there?",
                },
            ],
            Diagnosis = new Diagnosis
            {
                Verdict = VerdictKind.Bottleneck,
                Load = new LoadFacts(OpenModel: false, PeakLoad: 50, PeakTps: 1_910, Seconds: 10),
                Bottlenecks = [new Bottleneck("db", "process", TargetRole.Database, LimitedResource.Cpu, TimeSpan.FromSeconds(4), 185, 199.5, 200, 1_840, 1.6, 120, 910)],
                NextSteps = [new(NextStepKind.FixQueries, "db"), new(NextStepKind.ScaleUp, "db"), new(NextStepKind.ReadReplica, "db"), new(NextStepKind.AddCache, "db")],
            },
        };

        Expectations.Verify("summary.txt", Render(summary));
    }

    [Fact]
    public void Render_OpenModelRunLimitedByTheGenerator_LabelsLatencyAndSaysWhoWasTheLimit()
    {
        var closed = SampleRun.Summary(stepMicros: 10, interruptedIterations: 0);
        var scenario = new ScenarioSummary("default", "constant-arrival-rate", "100/s iterations for 10s, 20 pre-allocated VUs, up to 40 (gracefulStop: 30s)", 897, 3, 3, [])
        {
            DroppedIterations = 100,
            ExpectedIterations = 1000,
            PlannedDuration = TimeSpan.FromSeconds(10),
            OpenModel = true,
        };
        var summary = new TestSummary(closed.StartTime, closed.Duration, closed.StopReason, closed.Target, [scenario], SampleRun.Totals(stepMicros: 10, openModel: true), closed.Thresholds)
        {
            Generator = new GeneratorHealth(TimeSpan.FromMilliseconds(340), 0.99, 0.93, TimeSpan.FromSeconds(6), "results are limited by the load generator, not the server: its CPU was ≥ 90 % for 6 s"),
        };

        var text = Render(summary);

        Expectations.Verify("summary-open-model.txt", text);
        Assert.Contains("Latency (from schedule)", text, StringComparison.Ordinal);
        Assert.Contains("service p95", text, StringComparison.Ordinal);
        Assert.Contains("rate................................: achieved 90/s of 100/s configured (90.00%)", text, StringComparison.Ordinal);
    }

    /// <summary>The summary as plain text, 160 columns wide, as in CI logs and files (Consoles.RedirectedWidth).</summary>
    private static string Render(TestSummary summary)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        new SummaryRenderer(console, TrendStats.Default).Render(summary);
        return writer.ToString();
    }
}
