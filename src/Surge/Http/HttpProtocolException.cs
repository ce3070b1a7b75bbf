namespace Surge.Http;

/// <summary>The server sent something that is not valid HTTP/1.1, or closed the connection mid-response.</summary>
public sealed class HttpProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HttpProtocolException(string message, bool closedEarly = false)
        : base(message)
    {
        ClosedEarly = closedEarly;
    }

    /// <summary>Creates the exception.</summary>
    public HttpProtocolException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public HttpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the connection closed before the response was complete (counted as a reset).</summary>
    public bool ClosedEarly { get; }
}
