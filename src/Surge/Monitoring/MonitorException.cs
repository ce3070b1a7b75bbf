namespace Surge.Monitoring;

/// <summary>A monitor could not take a sample; the message says why, in one line, and the runner retries later.</summary>
internal sealed class MonitorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MonitorException()
    {
    }

    /// <summary>Creates the exception with a one-line reason.</summary>
    public MonitorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line reason and its cause.</summary>
    public MonitorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
