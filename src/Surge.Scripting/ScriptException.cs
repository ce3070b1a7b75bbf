namespace Surge.Scripting;

/// <summary>
/// A scenario file that cannot run: it does not compile, has no test class, names an exec function
/// that does not exist, or throws while loading. Surge prints the message and exits with 107.
/// </summary>
public sealed class ScriptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScriptException()
    {
    }

    /// <summary>Creates the exception with a message that says what to fix.</summary>
    public ScriptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ScriptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Lines printed before the message, e.g. the compiler's errors, one per line.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];
}
