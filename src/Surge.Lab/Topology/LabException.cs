namespace Surge.Lab.Topology;

/// <summary>A lab that cannot come up or go down, said in one line with what to do.</summary>
public sealed class LabException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public LabException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and cause.</summary>
    public LabException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
