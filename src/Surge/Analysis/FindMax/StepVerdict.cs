namespace Surge.Analysis.FindMax;

/// <summary>How one find-max step ended.</summary>
internal enum StepVerdict
{
    /// <summary>The system sustained the level while meeting every goal.</summary>
    Passed,

    /// <summary>The system did not: a goal failed, the load was not kept up with, iterations were dropped, or errors jumped.</summary>
    Failed,

    /// <summary>The load generator (Surge) was the limit: the step says nothing about the server, and the search stops.</summary>
    GeneratorLimited,

    /// <summary>The step was stopped before its end (Ctrl+C, the script aborted): the search stops.</summary>
    Stopped,
}
