namespace Surge.Execution;

/// <summary>
/// An iteration failed for a reason its message states in full, place included (a YAML step's
/// extract found nothing): iteration errors show the message without the exception's type name.
/// </summary>
internal sealed class IterationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IterationFailedException()
        : base("The iteration failed.")
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public IterationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public IterationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
