using Surge.Outcome;
using Surge.Timeline;

namespace Surge.Outputs;

/// <summary>
/// A consumer of a running test: the live console, the results file, the thresholds, a dashboard.
/// Called on the runner's own loop, never on the hot path; keep each call short.
/// </summary>
internal interface ITestOutput
{
    /// <summary>The test is about to start.</summary>
    void OnStart(TestStart start);

    /// <summary>One second of the run, appended to the timeline.</summary>
    void OnSecond(RunSecond second);

    /// <summary>Something happened (a threshold failed, a stop was requested), as it happens; the same event is in the next second.</summary>
    void OnEvent(TestEvent testEvent);

    /// <summary>The test ended; every second has been delivered.</summary>
    void OnEnd(TestSummary summary);
}
