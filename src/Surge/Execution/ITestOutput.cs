using Surge.Metrics;
using Surge.Summary;

namespace Surge.Execution;

/// <summary>
/// A consumer of a running test: the live console, the results file, a dashboard. Called on the
/// runner's own loop, never on the hot path; keep each call short.
/// </summary>
public interface ITestOutput
{
    /// <summary>The test is about to start.</summary>
    void OnStart(TestStart start);

    /// <summary>One interval (a second) of samples; valid only during the call.</summary>
    void OnInterval(IntervalSnapshot interval, IReadOnlyList<ScenarioProgress> progress);

    /// <summary>This second's resource samples (servers, processes), taken with the interval just before it; none when nothing is monitored.</summary>
    void OnResources(TimeSpan elapsed, IReadOnlyList<Monitoring.ResourceSample> samples)
    {
    }

    /// <summary>Something happened: a threshold failed, a stop was requested.</summary>
    void OnEvent(TestEvent testEvent);

    /// <summary>The test ended; every interval has been delivered.</summary>
    void OnEnd(TestSummary summary);
}
