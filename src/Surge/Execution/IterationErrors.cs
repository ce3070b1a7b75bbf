namespace Surge.Execution;

/// <summary>How an exception from user code is told: one line with its type, message and script location.</summary>
internal static class IterationErrors
{
    /// <summary>The first frame of the user's code (file name and line) the exception passed through, if it has line information.</summary>
    public static string? LocationOf(Exception exception)
    {
        foreach (var frame in new System.Diagnostics.StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            // Surge's own assemblies (the engine, the YAML runner) are not the user's code: a YAML
            // step's error already names its line in the message.
            if (frame.GetFileName() is { } file && frame.GetMethod()?.Module.Assembly.GetName().Name is { } assembly
                && assembly != "Surge" && !assembly.StartsWith("Surge.", StringComparison.Ordinal))
            {
                return $"{Path.GetFileName(file)}:{frame.GetFileLineNumber()}";
            }
        }

        return null;
    }

    /// <summary>An exception in one line: type, message and script location.</summary>
    public static string Describe(Exception exception) => new Outcome.IterationError(MessageOf(exception), LocationOf(exception), 1).ToString();

    /// <summary>The type and message (<c>KeyNotFoundException: ...</c>), or the message alone when it says everything.</summary>
    public static string MessageOf(Exception exception) =>
        exception is IterationFailedException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
}
