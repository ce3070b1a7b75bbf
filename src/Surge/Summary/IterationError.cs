namespace Surge.Summary;

/// <summary>An exception thrown by iterations: its message, where in the script, and how often.</summary>
/// <param name="Message">The exception type and message, e.g. <c>KeyNotFoundException: The given key 'token' was not present</c>.</param>
/// <param name="Location">The script file and line that threw (<c>checkout.cs:42</c>), when known.</param>
/// <param name="Count">How many iterations threw it.</param>
internal sealed record IterationError(string Message, string? Location, long Count)
{
    /// <summary>The message with its location, as the summary prints it.</summary>
    public override string ToString() => Location is null ? Message : $"{Message} (at {Location})";

    /// <summary>The first frame of the user's code (file name and line) the exception passed through, if it has line information.</summary>
    internal static string? LocationOf(Exception exception)
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
    internal static string Describe(Exception exception) => new IterationError(MessageOf(exception), LocationOf(exception), 1).ToString();

    /// <summary>The type and message (<c>KeyNotFoundException: ...</c>), or the message alone when it says everything.</summary>
    internal static string MessageOf(Exception exception) =>
        exception is Scenarios.IterationFailedException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
}
