namespace Surge.Http;

/// <summary>A response body is larger than the test's limit (<see cref="HttpOptions.MaxResponseBodyBytes"/>).</summary>
internal sealed class ResponseBodyTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResponseBodyTooLargeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ResponseBodyTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ResponseBodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
