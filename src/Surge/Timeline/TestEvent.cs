namespace Surge.Timeline;

/// <summary>A notable moment of a run, written to the results file and shown on the console.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Elapsed">Time since the test started.</param>
/// <param name="Message">One human-readable line.</param>
internal sealed record TestEvent(EventKind Kind, TimeSpan Elapsed, string Message);
