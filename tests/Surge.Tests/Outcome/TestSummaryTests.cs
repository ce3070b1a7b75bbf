using Surge.Outcome;
using Surge.Thresholds;

namespace Surge.Tests.Outcome;

public class TestSummaryTests
{
    [Fact]
    public void Tps_IsResponsesPerSecond_ARefusedConnectionIsNoTransaction() =>
        Assert.Equal(99.5, SampleRun.Summary().Tps); // 1,000 requests in 10 s, 5 of them refused

    [Fact]
    public void Tps_CountsOverTheTimeTheLoadRan_NotTheWholeRun()
    {
        var run = SampleRun.Summary() with { LoadDuration = TimeSpan.FromSeconds(8) };

        Assert.Equal(995 / 8.0, run.Tps);
        Assert.Equal(TimeSpan.FromSeconds(10), run.Duration);
    }

    [Fact]
    public void Endpoints_GroupByMethodAndName_BusiestFirst()
    {
        var rows = SampleRun.Summary().Endpoints();

        Assert.Equal(["/fast", "/slow"], rows.Select(r => r.Name));
        var slow = rows[1];
        Assert.Equal(100, slow.Requests);
        Assert.Equal(9.5, slow.Tps); // 95 responses in 10 s: its 5 refused requests are not transactions
        Assert.Equal(20, slow.Failed);
        Assert.InRange(slow.P99Ms, 59.9, 60.1);
        Assert.Equal(0, rows[0].Failed);
        Assert.InRange(rows[0].AvgMs, 1.449, 1.451);
    }

    [Fact]
    public void Endpoints_OpenModel_CarryTheServersOwnP95_ClosedModelNone()
    {
        var open = new TestSummary(DateTimeOffset.UnixEpoch, SampleRun.Duration, StopReason.Completed, "", [], SampleRun.Totals(openModel: true), []);

        var slow = open.Endpoints().Single(r => r.Name == "/slow");

        Assert.InRange(slow.ServiceP95Ms!.Value, slow.P95Ms / 2 - 0.1, slow.P95Ms / 2 + 0.1);
        Assert.All(SampleRun.Summary().Endpoints(), r => Assert.Null(r.ServiceP95Ms));
    }

    [Fact]
    public void StatusAndErrorCounts_AreTakenFromTags()
    {
        var summary = SampleRun.Summary();

        Assert.Equal([new(0, 5), new(200, 980), new(500, 15)], summary.StatusCounts());
        Assert.Equal([new("refused", 5)], summary.ErrorCounts());
    }

    [Fact]
    public void ExitCode_ThresholdFailed_Is99_AndPassed_Is0()
    {
        Assert.Equal(ExitCodes.ThresholdsFailed, SampleRun.Summary(GoalParser.Parse("errors<1%")).ExitCode);
        Assert.Equal(ExitCodes.Success, SampleRun.Summary(GoalParser.Parse("errors<5%"), GoalParser.Parse("tps>=98")).ExitCode);
        Assert.Equal(ExitCodes.ThresholdsFailed, SampleRun.Summary(GoalParser.Parse("tps>=99")).ExitCode); // 980 good responses in 10 s
    }
}
