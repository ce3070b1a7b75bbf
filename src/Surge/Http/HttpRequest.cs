using System.Text;
using Surge.Metrics;

namespace Surge.Http;

/// <summary>
/// One HTTP/1.1 request: method, absolute URL, headers and body. A request that does not change can
/// be sent many times; its bytes are encoded once.
/// </summary>
public sealed class HttpRequest
{
    private byte[]? _encoded;
    private HttpRequest? _withUserAgent;

    /// <summary>Creates a request.</summary>
    /// <param name="method">The method, e.g. <c>GET</c>.</param>
    /// <param name="url">An absolute http or https URL.</param>
    /// <param name="headers">Headers to send; <c>Host</c> and <c>Content-Length</c> are added when missing.</param>
    /// <param name="body">The body, empty for none.</param>
    /// <exception cref="ArgumentException">The method is not a token (RFC 9110), the URL is not absolute http(s), or a header has a line break.</exception>
    public HttpRequest(string method, Uri url, IReadOnlyList<KeyValuePair<string, string>>? headers = null, ReadOnlyMemory<byte> body = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(url);
        if (!HttpToken.IsToken(method))
        {
            throw new ArgumentException($"'{method}' is not an HTTP method; a method is {HttpToken.Rule}, e.g. GET or POST.", nameof(method));
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http:// or https:// URL.", nameof(url));
        }

        Method = method.ToUpperInvariant();
        Url = url;
        Headers = headers ?? [];
        foreach (var (name, value) in Headers)
        {
            if (name.Length == 0 || name.AsSpan().IndexOfAny(":\r\n ") >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Header '{name}' is not a valid header name or has a line break in its value.", nameof(headers));
            }
        }

        Body = body;
    }

    // A copy with another User-Agent (WithUserAgent); its bytes are its own.
    private HttpRequest(HttpRequest request, string userAgent)
    {
        Method = request.Method;
        Url = request.Url;
        Headers = request.Headers;
        Body = request.Body;
        Name = request.Name;
        Timeout = request.Timeout;
        Tags = request.Tags;
        IsExpectedStatus = request.IsExpectedStatus;
        UserAgent = userAgent;
    }

    /// <summary>The method, in upper case.</summary>
    public string Method { get; }

    /// <summary>The absolute URL.</summary>
    public Uri Url { get; }

    /// <summary>The headers as given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The <c>name</c> tag: groups requests in the summary; the URL when not set.</summary>
    public string? Name { get; init; }

    /// <summary>How long to wait for the complete response; the session's default when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Extra tags this request's samples carry (k6's per-request <c>tags</c>).</summary>
    public TagSet? Tags { get; init; }

    /// <summary>
    /// Which statuses count as expected for this request; the session's rule when null. It runs where the
    /// response is recorded, which is Surge's I/O thread on Linux: keep it a quick test of the number.
    /// </summary>
    public Func<int, bool>? IsExpectedStatus { get; init; }

    /// <summary>The name tag this request is recorded under.</summary>
    public string NameTag => Name ?? Url.OriginalString;

    internal bool IsHead => Method == "HEAD";

    /// <summary>What a request sends as its <c>User-Agent</c> unless the test sets its own: <c>surge/VERSION</c>.</summary>
    internal static string DefaultUserAgent { get; } = $"surge/{SurgeVersion.Value}";

    /// <summary>
    /// The <c>User-Agent</c> sent when the headers have none (k6's <c>userAgent</c>); empty sends no
    /// <c>User-Agent</c> header at all.
    /// </summary>
    internal string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>
    /// This request with <paramref name="userAgent"/> as the User-Agent it sends when its headers have none: itself
    /// when it has that one already, else a copy made once and kept (a prepared request is sent many times).
    /// </summary>
    internal HttpRequest WithUserAgent(string userAgent)
    {
        if (string.Equals(userAgent, UserAgent, StringComparison.Ordinal))
        {
            return this;
        }

        var copy = _withUserAgent;
        if (copy is null || !string.Equals(copy.UserAgent, userAgent, StringComparison.Ordinal))
        {
            copy = new HttpRequest(this, userAgent);
            _withUserAgent = copy; // VUs sharing this request may each make one: they are the same
        }

        return copy;
    }

    /// <summary>The request's bytes on the wire, encoded on first use.</summary>
    internal byte[] Encoded => _encoded ??= Encode();

    private byte[] Encode()
    {
        var head = new StringBuilder(256);
        head.Append(Method).Append(' ').Append(Url.PathAndQuery).Append(" HTTP/1.1\r\n");
        if (!Has("Host"))
        {
            head.Append("Host: ").Append(Url.IsDefaultPort ? Url.IdnHost : $"{Url.IdnHost}:{Url.Port}").Append("\r\n");
        }

        if (UserAgent.Length > 0 && !Has("User-Agent"))
        {
            head.Append("User-Agent: ").Append(UserAgent).Append("\r\n");
        }

        if (!Has("Content-Length") && (Body.Length > 0 || Method is "POST" or "PUT" or "PATCH"))
        {
            head.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        var bytes = new byte[headBytes.Length + Body.Length];
        headBytes.CopyTo(bytes, 0);
        Body.Span.CopyTo(bytes.AsSpan(headBytes.Length));
        return bytes;
    }

    private bool Has(string header) =>
        Headers.Any(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase));
}
