using System.Text;
using System.Text.Json;

namespace Surge.Http;

/// <summary>The outcome of one request: a response, or the network error that prevented one.</summary>
public sealed class HttpResponse
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private JsonElement? _json;

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

    /// <summary>Response headers (empty in the <c>--url</c> quick mode, which discards them).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The decoded body (empty when the session discards response bodies).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>A copy of the body's bytes.</summary>
    public byte[] BodyBytes => Body.ToArray();

    /// <summary>How long the request took: sending + waiting + receiving (k6's <c>http_req_duration</c>).</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Timings.DurationMicros * TimeSpan.TicksPerMicrosecond);

    /// <summary>The body parsed as JSON (parsed once, on first use).</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public JsonElement Json()
    {
        if (_json is null)
        {
            if (Body.IsEmpty)
            {
                throw new JsonException($"The response has no body to parse as JSON (status {Status}).");
            }

            using var document = JsonDocument.Parse(Body);
            _json = document.RootElement.Clone();
        }

        return _json.Value;
    }

    /// <summary>The body deserialised with System.Text.Json's web defaults (camelCase, case-insensitive).</summary>
    /// <exception cref="JsonException">The body is not JSON of that shape.</exception>
    public T? Json<T>() => JsonSerializer.Deserialize<T>(Body.Span, WebJson);

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
