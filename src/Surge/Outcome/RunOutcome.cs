using Surge.Timeline;

namespace Surge.Outcome;

/// <summary>What a finished run leaves: its summary (totals and verdicts) and its per-second timeline.</summary>
/// <param name="Summary">The end-of-test summary, verdicts included.</param>
/// <param name="Timeline">Every second of the run.</param>
internal sealed record RunOutcome(TestSummary Summary, RunTimeline Timeline)
{
    /// <summary>k6's exit code for the run.</summary>
    public int ExitCode => Summary.ExitCode;
}
