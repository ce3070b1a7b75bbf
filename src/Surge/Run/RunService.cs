using Surge.Analysis;
using Surge.Execution;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Execution.Timing;

namespace Surge.Run;

/// <summary>
/// The one way to run a test: a plan and its outputs in, the outcome (summary, timeline, exit code)
/// out. <c>surge run</c> calls it once; a search such as find-max calls it step after step in one process.
/// </summary>
/// <remarks>
/// It wires the consumers: the outputs as given, then the thresholds (so an event a check raises
/// follows the second every output has seen), and hands the summary with its verdicts and diagnosis to each at the end.
/// </remarks>
internal static class RunService
{
    /// <summary>Runs <paramref name="plan"/> to its end, or until <paramref name="control"/> stops it.</summary>
    /// <param name="plan">A checked plan (<see cref="TestPlan.Validate"/> found nothing).</param>
    /// <param name="outputs">The consumers of the run: console, results file, dashboard.</param>
    /// <param name="control">Stops the run from outside (signals); null when only the plan ends it.</param>
    /// <param name="time">The clock; a fake one in tests. Null for the system clock, on which open-model starts are timed precisely.</param>
    public static async Task<RunOutcome> RunAsync(TestPlan plan, IReadOnlyList<ITestOutput> outputs, TestRunControl? control = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outputs);
        using var ownControl = control is null ? new TestRunControl() : null;
        var stop = control ?? ownControl!;
        var events = new RunEvents();
        var thresholds = new ThresholdWatch(plan.Thresholds, events, stop.Abort);
        var consumers = plan.Thresholds.Count == 0 ? outputs : [.. outputs, thresholds];
        Http.DescriptorLimit.Recount(); // the script, the target and the outputs are open by now
        var runner = new TestRunner(plan, consumers, time is null ? RunClock.System : RunClock.Of(time), stop, events);
        var (run, timeline) = await runner.RunAsync();
        var summary = run with { Thresholds = thresholds.Verdicts(run.Duration, run.LoadDuration) };
        summary = summary with { Diagnosis = Diagnoser.Diagnose(summary, timeline) };
        foreach (var output in consumers)
        {
            output.OnEnd(summary);
        }

        return new RunOutcome(summary, timeline);
    }
}
