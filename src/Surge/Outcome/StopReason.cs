namespace Surge.Outcome;

/// <summary>Why a test run ended.</summary>
internal enum StopReason
{
    /// <summary>Every scenario ran to its end.</summary>
    Completed,

    /// <summary>Stopped from outside: Ctrl+C or SIGTERM.</summary>
    Interrupted,

    /// <summary>A threshold with abortOnFail failed.</summary>
    ThresholdAborted,

    /// <summary>The script called <c>Abort()</c> (exit 108).</summary>
    ScriptAborted,

    /// <summary>The script's Setup or Teardown threw, so the test could not run as written (exit 107).</summary>
    ScriptError,

    /// <summary>
    /// Read back from a results file that ends before the test did (no stop line: the run was killed, or the
    /// file cut); exit 105, as the outside stop it most likely was.
    /// </summary>
    Unfinished,
}
