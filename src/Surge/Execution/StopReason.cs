namespace Surge.Execution;

/// <summary>Why a test run ended.</summary>
public enum StopReason
{
    /// <summary>Every scenario ran to its end.</summary>
    Completed,

    /// <summary>Stopped from outside: Ctrl+C or SIGTERM.</summary>
    Interrupted,

    /// <summary>A threshold with abortOnFail failed.</summary>
    ThresholdAborted,
}
