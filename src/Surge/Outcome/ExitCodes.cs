namespace Surge.Outcome;

/// <summary>The process exit codes, k6's numbers.</summary>
internal static class ExitCodes
{
    /// <summary>The test ran and every threshold and goal held.</summary>
    public const int Success = 0;

    /// <summary>A threshold or goal failed (also when abortOnFail stopped the test).</summary>
    public const int ThresholdsFailed = 99;

    /// <summary>The configuration is invalid: flags, options, thresholds, URLs.</summary>
    public const int InvalidConfig = 104;

    /// <summary>Stopped by a signal (Ctrl+C, SIGTERM).</summary>
    public const int ExternalAbort = 105;

    /// <summary>The script cannot run: it does not compile, an exec function is missing, Setup threw.</summary>
    public const int ScriptError = 107;

    /// <summary>The script called <c>Abort()</c>.</summary>
    public const int ScriptAborted = 108;

    /// <summary>The script called <c>Fail()</c>: the test ran to its end but is marked failed.</summary>
    public const int MarkedAsFailed = 110;

    /// <summary>Any other failure of Surge itself.</summary>
    public const int GenericError = 1;
}
