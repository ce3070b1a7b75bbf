using Surge.Plan;

namespace Surge.Http;

/// <summary>How a test's HTTP sessions behave.</summary>
internal sealed record HttpOptions
{
    /// <summary>How long to wait for a complete response (k6's default: 60 s).</summary>
    public TimeSpan Timeout { get; init; } = PlanDefaults.RequestTimeout;

    /// <summary>The URL relative request URLs of scripts are resolved against.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Headers every request of a script sends, unless the request sets its own.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The <c>User-Agent</c> of requests that set none (k6's <c>userAgent</c>); empty: no <c>User-Agent</c> header.</summary>
    public string UserAgent { get; init; } = HttpRequest.DefaultUserAgent;

    /// <summary>Read response bodies without keeping them (k6's <c>discardResponseBodies</c>).</summary>
    public bool DiscardResponseBodies { get; init; }

    /// <summary>
    /// The largest response body a request keeps; a larger one fails the request as
    /// <see cref="HttpErrorKind.BodyTooLarge"/>. Discarded bodies are not limited: they cost no memory.
    /// </summary>
    public long MaxResponseBodyBytes { get; init; } = PlanDefaults.MaxResponseBodyBytes;

    /// <summary>
    /// Skip response headers too (no <c>Header()</c>, no cookies): the <c>--url</c> quick mode, which
    /// looks at nothing but the status, saves their parsing.
    /// </summary>
    public bool DiscardResponseHeaders { get; init; }

    /// <summary>
    /// Wait for a response's first bytes before taking a receive buffer for it (a zero-byte receive, one
    /// more system call per request). Set by the run for tests of many VUs: then thousands of requests are
    /// in flight at once, and each would otherwise hold 16 KiB while the server has not answered yet.
    /// </summary>
    public bool WaitForDataBeforeBuffer { get; init; }

    /// <summary>Accept any TLS certificate (k6's <c>insecureSkipTLSVerify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>
    /// Which statuses are expected; others count in <c>http_req_failed</c>. Default: 200–399. It runs on
    /// Surge's I/O thread (Linux), for every response: keep it a quick test of the number.
    /// </summary>
    public Func<int, bool> IsExpectedStatus { get; init; } = static status => status is >= 200 and < 400;
}
