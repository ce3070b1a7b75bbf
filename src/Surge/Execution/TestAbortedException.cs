namespace Surge.Execution;

/// <summary>Thrown by <see cref="Execution.Vu.Abort"/>: stops the whole test, which exits with code 108.</summary>
public sealed class TestAbortedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TestAbortedException()
        : base("The script aborted the test.")
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public TestAbortedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public TestAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
