namespace Surge.Http;

/// <summary>The server sent something that is not valid HTTP/1.1, or closed the connection mid-response.</summary>
internal sealed class MalformedResponseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MalformedResponseException(string message, bool closedEarly = false)
        : base(message)
    {
        ClosedEarly = closedEarly;
    }

    /// <summary>Creates the exception.</summary>
    public MalformedResponseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public MalformedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the connection closed before the response was complete (counted as a reset).</summary>
    public bool ClosedEarly { get; }
}
