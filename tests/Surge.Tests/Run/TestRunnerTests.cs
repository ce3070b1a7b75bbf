using Microsoft.Extensions.Time.Testing;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Tests.Execution.Executors;
using Surge.Timeline;

namespace Surge.Tests.Run;

public class TestRunnerTests
{
    [Fact]
    public async Task TheRunsDuration_EndsWithItsWork_NotWhenASlowConsumerHasTakenTheLastSecond()
    {
        var time = FakeClock.NewTime();
        var slow = new SlowLastSecond(time, TimeSpan.FromSeconds(3));
        var options = new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(1), GracefulStop = TimeSpan.FromSeconds(1) };

        // Iterations start at 0, 0.3, 0.6 and 0.9 s; the last ends at 1.2 s, in the graceful stop.
        var summary = await FakeClock.RunAsync(time, [slow], new Scenario("s", options, FakeClock.Takes(time, TimeSpan.FromMilliseconds(300))));

        // The consumer took 3 s of the clock with the last second; the run's time (and its rates) ended before it.
        Assert.Equal(slow.LastSecondEnd, summary.Duration);
        Assert.InRange(summary.Duration, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(1.5));
        Assert.Equal(4, summary.Metric("iterations").Sum);
        Assert.Equal(4 / summary.Duration.TotalSeconds, summary.PerSecond(summary.Metric("iterations").Sum), 6);
    }

    /// <summary>A consumer that takes <c>delay</c> of the clock to handle the run's last second (a slow disk or console).</summary>
    private sealed class SlowLastSecond(FakeTimeProvider time, TimeSpan delay) : ITestOutput
    {
        public TimeSpan LastSecondEnd { get; private set; }

        public void OnStart(TestStart start)
        {
        }

        public void OnSecond(RunSecond second)
        {
            if (second.IsLast)
            {
                LastSecondEnd = second.Second.Elapsed;
                time.Advance(delay);
            }
        }

        public void OnEvent(TestEvent testEvent)
        {
        }

        public void OnEnd(TestSummary summary)
        {
        }
    }
}
