using Microsoft.Extensions.Time.Testing;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Reports.Console;

namespace Surge.Cli.Tests.Reports;

public class ProgressLineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ScenarioThatRanItsCourse_IsTickedAtOneHundredPercent()
    {
        var progress = Progress(TimeSpan.FromSeconds(10));

        Assert.Equal("default   [   50% ] 0/5 VUs  00m05.0s/00m10.0s  0 complete, 0 interrupted", ProgressLine.For(progress, 7));
        _time.Advance(TimeSpan.FromSeconds(5));
        progress.Ended();

        Assert.Equal("default ✓ [  100% ] 0/5 VUs  00m10.0s/00m10.0s  0 complete, 0 interrupted", ProgressLine.For(progress, 7));
    }

    [Fact]
    public void ScenarioCutShort_ShowsHowFarItGot_AndACross()
    {
        var progress = Progress(TimeSpan.FromSeconds(30));
        progress.Ended(); // Ctrl+C, or an abort, 5 s into 30

        Assert.Equal("default ✗ [   17% ] 0/5 VUs  00m05.0s/00m30.0s  0 complete, 0 interrupted", ProgressLine.For(progress, 7));
    }

    private ScenarioProgress Progress(TimeSpan duration)
    {
        var options = new ConstantVusOptions { Vus = 5, Duration = duration };
        var progress = new ScenarioProgress(new Scenario("default", options, (_, _) => ValueTask.CompletedTask));
        progress.Started(_time);
        _time.Advance(TimeSpan.FromSeconds(5));
        return progress;
    }
}
