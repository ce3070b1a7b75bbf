using System.Net;
using System.Text;
using Surge.Metrics;

namespace Surge.Http;

/// <summary>
/// A VU's HTTP client, the one scripts use: relative URLs against the test's base URL, default
/// headers, a cookie jar of its own, and every request recorded in the k6 HTTP metrics.
/// </summary>
/// <remarks>
/// A VU runs one request at a time; the client is not meant to be shared between VUs. When the
/// test stops the VU, a request in flight ends with <see cref="OperationCanceledException"/>. The
/// caller's code goes on on the thread pool, never on the event loop that read the response.
/// </remarks>
public sealed class VuHttp
{
    private readonly HttpSession _session;
    private readonly HttpOptions _options;
    private readonly Func<CancellationToken> _cancellation;
    private readonly DueStart _due;

    // The last plain request (no body, no params, no cookies): a VU that sends the same GET again
    // reuses it, bytes already encoded, instead of parsing the URL and encoding the head anew.
    private HttpRequest? _lastPlain;
    private string? _lastPlainUrl;

    // Made on first use: most VUs of a large test never see a cookie, and a container costs each one memory.
    private CookieContainer? _cookies;

    internal VuHttp(HttpSession session, HttpOptions options, DueStart due, Func<CancellationToken> cancellation)
    {
        _session = session;
        _options = options;
        _due = due;
        _cancellation = cancellation;
    }

    /// <summary>The URL relative request URLs are resolved against, if the test has one.</summary>
    public Uri? BaseUrl => _options.BaseUrl;

    /// <summary>
    /// This VU's cookies: <c>Set-Cookie</c> headers of responses are stored and sent back with later
    /// requests to the same site, as a browser would.
    /// </summary>
    public CookieContainer Cookies => _cookies ??= new();

    internal HttpSession Session => _session;

    /// <summary>Sends a GET request.</summary>
    public Task<HttpResponse> GetAsync(string url, RequestParams? options = null) => SendAsync("GET", url, null, options);

    /// <summary>Sends a HEAD request.</summary>
    public Task<HttpResponse> HeadAsync(string url, RequestParams? options = null) => SendAsync("HEAD", url, null, options);

    /// <summary>Sends a DELETE request, with an optional body.</summary>
    public Task<HttpResponse> DeleteAsync(string url, HttpBody? body = null, RequestParams? options = null) => SendAsync("DELETE", url, body, options);

    /// <summary>Sends a POST request.</summary>
    public Task<HttpResponse> PostAsync(string url, HttpBody? body = null, RequestParams? options = null) => SendAsync("POST", url, body, options);

    /// <summary>Sends a PUT request.</summary>
    public Task<HttpResponse> PutAsync(string url, HttpBody? body = null, RequestParams? options = null) => SendAsync("PUT", url, body, options);

    /// <summary>Sends a PATCH request.</summary>
    public Task<HttpResponse> PatchAsync(string url, HttpBody? body = null, RequestParams? options = null) => SendAsync("PATCH", url, body, options);

    /// <summary>Sends a request with any method.</summary>
    /// <param name="method">The method, e.g. <c>OPTIONS</c>.</param>
    /// <param name="url">An absolute URL, or one relative to <see cref="BaseUrl"/>.</param>
    /// <param name="body">The body, or null for none.</param>
    /// <param name="options">Headers, query, name, tags, timeout, expected statuses.</param>
    /// <returns>The response; a network error comes back as status 0 with <see cref="HttpResponse.Error"/> set.</returns>
    /// <exception cref="ArgumentException">The URL is relative and the test has no base URL, or it is not http(s).</exception>
    public async Task<HttpResponse> SendAsync(string method, string url, HttpBody? body = null, RequestParams? options = null)
    {
        var request = Build(method, url, body, options);
        HttpResponse response;
        try
        {
            await _session.SendKeepingResponseAsync(request, _due.Timestamp, _cancellation());
            response = _session.TakeResponse();
        }
        finally
        {
            await Transport.EventLoop.LeaveAsync(); // the script goes on off the I/O thread, also after an exception
        }

        StoreCookies(request.Url, response);
        return response;
    }

    /// <summary>
    /// Sends a prepared request as it is (no base URL, default headers or cookies), with the test's User-Agent
    /// unless its headers have one: the fastest path.
    /// </summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResponse> SendAsync(HttpRequest request)
    {
        try
        {
            await _session.SendKeepingResponseAsync(request.WithUserAgent(_options.UserAgent), _due.Timestamp, _cancellation());
            return _session.TakeResponse();
        }
        finally
        {
            await Transport.EventLoop.LeaveAsync(); // the script goes on off the I/O thread, also after an exception
        }
    }

    /// <summary>Sends a prepared request, with the test's User-Agent, and records it, with no response for the caller (the <c>--url</c> quick mode).</summary>
    internal ValueTask SendAndForgetAsync(HttpRequest request) =>
        _session.SendAndForgetAsync(request.WithUserAgent(_options.UserAgent), _due.Timestamp, _cancellation());

    internal HttpRequest Build(string method, string url, HttpBody? body, RequestParams? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(url);
        var plain = body is null && options is null && (_cookies?.Count ?? 0) == 0;
        if (plain && _lastPlain is { } last && string.Equals(_lastPlainUrl, url, StringComparison.Ordinal)
            && string.Equals(last.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return last;
        }

        var shared = _session.Recorder.PlainRequests;
        if (plain && shared.TryGetValue((method, url), out var known))
        {
            (_lastPlain, _lastPlainUrl) = (known, url);
            return known;
        }

        var uri = Resolve(url, options?.Query);
        var headers = new List<KeyValuePair<string, string>>(_options.Headers.Count + (options?.Headers.Count ?? 0) + 2);
        foreach (var header in _options.Headers)
        {
            // A request's own headers win over the defaults, and so does its body's content type.
            var overridden = (options is not null && options.Headers.ContainsKey(header.Key))
                || (body is not null && string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase));
            if (!overridden)
            {
                headers.Add(header);
            }
        }

        if (options is not null)
        {
            headers.AddRange(options.Headers);
        }

        if (body is not null && !headers.Exists(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", body.ContentType));
        }

        if (_cookies is { Count: > 0 } && _cookies.GetCookieHeader(uri) is { Length: > 0 } cookie)
        {
            headers.Add(new("Cookie", cookie));
        }

        var expected = options?.ExpectedStatuses;
        var request = new HttpRequest(method, uri, headers, body?.Content ?? default)
        {
            // The URL as written ("/cart"), not as resolved: the summary's rows read like the script.
            Name = options?.Name ?? (options?.Tags.GetValueOrDefault("name") is { } tagged ? tagged : url),
            Timeout = options?.Timeout,
            Tags = options is null || options.Tags.Count == 0 ? null : TagSet.From(options.Tags),
            IsExpectedStatus = expected is null ? null : expected.Contains,
            UserAgent = _options.UserAgent,
        };
        if (plain)
        {
            (_lastPlain, _lastPlainUrl) = (request, url);
            _session.Recorder.SharePlainRequest(method, url, request);
        }

        return request;
    }

    /// <summary>
    /// The absolute URL a request to <paramref name="url"/> is sent to: the URL itself when absolute,
    /// else the URL under <see cref="BaseUrl"/> (<c>/items</c> under <c>http://host/shop/</c> is
    /// <c>http://host/shop/items</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The URL is relative and the test has no base URL.</exception>
    internal Uri ResolveUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute;
        }

        if (_options.BaseUrl is { } baseUrl)
        {
            // The base URL names where the application lives, as in Artillery's target or
            // Postman's {{baseUrl}}, so a leading '/' does not climb out of it.
            return new Uri(baseUrl, url.StartsWith('/') ? url[1..] : url);
        }

        throw new ArgumentException($"The URL '{url}' is relative and the test has no base URL; set BaseUrl in the options, or pass --base-url.", nameof(url));
    }

    private Uri Resolve(string url, Dictionary<string, string>? query)
    {
        var uri = ResolveUrl(url);
        if (query is null || query.Count == 0)
        {
            return uri;
        }

        var text = new StringBuilder(uri.OriginalString);
        var separator = uri.Query.Length > 0 ? '&' : '?';
        foreach (var (name, value) in query)
        {
            text.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(text.ToString());
    }

    private void StoreCookies(Uri url, HttpResponse response)
    {
        if (response.Headers is ResponseHeaders { HasSetCookie: false })
        {
            return; // nothing for the jar: the headers stay unparsed unless the script reads them
        }

        foreach (var (name, value) in response.Headers)
        {
            if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    Cookies.SetCookies(url, value);
                }
                catch (CookieException)
                {
                    // A malformed cookie is dropped, as a browser would; the response itself is fine.
                }
            }
        }
    }
}
