using Spectre.Console;
using Surge.Reports.Console;
using Surge.Summary;
using Surge.Tests.Summary;
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

        var summary = SampleRun.Summary(
            stepMicros: 10,
            interruptedIterations: 2,
            GoalParser.Parse("tps>=50"),
            GoalParser.Parse("errors<1%"),
            ThresholdParser.ParseSpec("http_req_duration{name:/slow}:p(95)<100"));

        new SummaryRenderer(console, TrendStats.Default).Render(summary);

        Expectations.Verify("summary.txt", writer.ToString());
    }
}
