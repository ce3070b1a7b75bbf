namespace Surge.Outcome;

/// <summary>An exception thrown by iterations: its message, where in the script, and how often.</summary>
/// <param name="Message">The exception type and message, e.g. <c>KeyNotFoundException: The given key 'token' was not present</c>.</param>
/// <param name="Location">The script file and line that threw (<c>checkout.cs:42</c>), when known.</param>
/// <param name="Count">How many iterations threw it.</param>
internal sealed record IterationError(string Message, string? Location, long Count)
{
    /// <summary>The message with its location, as the summary prints it.</summary>
    public override string ToString() => Location is null ? Message : $"{Message} (at {Location})";
}
