namespace Surge.Http;

/// <summary>Why a request got no HTTP response. Such requests count as failed, with status 0.</summary>
public enum HttpErrorKind
{
    /// <summary>A response arrived (whatever its status).</summary>
    None,

    /// <summary>The server refused the connection (nothing listens on the port).</summary>
    Refused,

    /// <summary>The connection was reset or closed before the response was complete.</summary>
    Reset,

    /// <summary>No complete response within the request timeout.</summary>
    Timeout,

    /// <summary>The host name could not be resolved.</summary>
    Dns,

    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,

    /// <summary>
    /// The response was not valid HTTP/1.1, or its length was ambiguous (two different Content-Length
    /// values, lines ending in a bare LF).
    /// </summary>
    Protocol,

    /// <summary>
    /// No file descriptor for a new connection: the process is at its limit (<c>ulimit -n</c>, EMFILE) or
    /// the system at its own (ENFILE), keeping a reserve for the runtime. Raise the limit or lower the VUs.
    /// </summary>
    Descriptors,

    /// <summary>
    /// The response body was larger than the test's limit (<c>MaxResponseBodyBytes</c>, 64 MiB unless
    /// set); the connection is closed and the rest of the body is not read.
    /// </summary>
    BodyTooLarge,

    /// <summary>Any other network error.</summary>
    Other,
}
