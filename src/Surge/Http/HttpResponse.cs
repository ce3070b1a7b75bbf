using System.Text;

namespace Surge.Http;

/// <summary>The outcome of one request: a response, or the network error that prevented one.</summary>
public sealed class HttpResponse
{
    internal HttpResponse(
        int status,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        HttpTimings timings,
        HttpErrorKind error,
        string? errorMessage)
    {
        Status = status;
        Headers = headers;
        Body = body;
        Timings = timings;
        Error = error;
        ErrorMessage = errorMessage;
    }

    /// <summary>The HTTP status code, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>Response headers (empty when the session discards response bodies).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The decoded body (empty when the session discards response bodies).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The request's phases.</summary>
    public HttpTimings Timings { get; }

    /// <summary>Why no response arrived; <see cref="HttpErrorKind.None"/> when one did.</summary>
    public HttpErrorKind Error { get; }

    /// <summary>The network error's message, when there was one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The first header of that name (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
