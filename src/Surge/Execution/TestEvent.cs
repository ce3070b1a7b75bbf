namespace Surge.Execution;

/// <summary>A notable moment of a run, written to the results file and shown on the console.</summary>
/// <param name="Kind">What happened: <c>threshold_failed</c>, <c>stop_requested</c>, <c>aborted</c>.</param>
/// <param name="Elapsed">Time since the test started.</param>
/// <param name="Message">One human-readable line.</param>
public sealed record TestEvent(string Kind, TimeSpan Elapsed, string Message);
