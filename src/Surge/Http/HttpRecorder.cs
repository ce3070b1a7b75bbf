using System.Collections.Concurrent;
using Surge.Metrics;

namespace Surge.Http;

/// <summary>Records each request into the k6 HTTP metrics, tagged method, name, status, expected_response, scenario.</summary>
internal sealed class HttpRecorder
{
    private readonly BuiltinMetrics _metrics;
    private readonly MetricRecorder _recorder;
    private readonly ConcurrentDictionary<SeriesKey, HttpSeriesSet> _sets = new();

    public HttpRecorder(BuiltinMetrics metrics, MetricRecorder recorder, HttpOptions options)
    {
        _metrics = metrics;
        _recorder = recorder;
        Options = options;
    }

    public HttpOptions Options { get; }

    /// <summary>
    /// Plain requests (no body, parameters or cookies) by method and URL as written, shared by all VUs of the
    /// run: 100,000 VUs sending the same GET hold one request, its URL and its encoded bytes, not 100,000.
    /// At most <see cref="MaxPlainRequests"/>: a test of many distinct URLs builds the rest per VU.
    /// </summary>
    internal ConcurrentDictionary<(string Method, string Url), HttpRequest> PlainRequests { get; } = new();

    internal const int MaxPlainRequests = 4096;

    private int _plainRequests;

    /// <summary>Shares a plain request with the run's other VUs, while there are fewer than <see cref="MaxPlainRequests"/>.</summary>
    internal void SharePlainRequest(string method, string url, HttpRequest request)
    {
        if (Volatile.Read(ref _plainRequests) < MaxPlainRequests && PlainRequests.TryAdd((method, url), request))
        {
            Interlocked.Increment(ref _plainRequests);
        }
    }

    /// <param name="baseTags">The session's tags.</param>
    /// <param name="request">The request.</param>
    /// <param name="status">Its response's status, 0 when none came.</param>
    /// <param name="error">Why no response came; <see cref="HttpErrorKind.None"/> when one did.</param>
    /// <param name="timings">Its phases.</param>
    /// <param name="bytesSent">Bytes written.</param>
    /// <param name="bytesReceived">Bytes read.</param>
    /// <param name="sinceIntendedMicros">
    /// Open model: time from the iteration's due moment to the end of this request, recorded as
    /// <c>http_req_duration</c> with the plain service time kept in <c>http_req_service_time</c>; 0 otherwise.
    /// </param>
    /// <param name="last">The session's memory of its last request's series: the same request with the same outcome again finds them without hashing its strings.</param>
    public void Record(TagSet baseTags, HttpRequest request, int status, HttpErrorKind error, in HttpTimings timings, long bytesSent, long bytesReceived, long sinceIntendedMicros = 0, LastSeries? last = null)
    {
        var expected = error == HttpErrorKind.None && (request.IsExpectedStatus ?? Options.IsExpectedStatus)(status);
        HttpSeriesSet set;
        if (last is { Set: { } known } && ReferenceEquals(last.Request, request) && ReferenceEquals(last.BaseTags, baseTags)
            && last.Status == status && last.Error == error && last.Expected == expected)
        {
            set = known;
        }
        else
        {
            var key = new SeriesKey(baseTags, request.Tags, request.Method, request.NameTag, status, error, expected);
            set = _sets.GetOrAdd(key, static (k, self) => self.Create(k), this);
            last?.Remember(request, baseTags, status, error, expected, set);
        }

        using var writer = _recorder.BeginWrite();
        writer.AddCounter(set.Reqs, 1);
        writer.AddRate(set.Failed, !expected);
        if (sinceIntendedMicros > 0)
        {
            // wrk2's correction: a request that could not start on time because the server stalled
            // its predecessors shows the wait, instead of looking fast.
            writer.AddTrendMicros(set.Duration, Math.Max(sinceIntendedMicros, timings.DurationMicros));
            writer.AddTrendMicros(set.ServiceTime, timings.DurationMicros);
        }
        else
        {
            writer.AddTrendMicros(set.Duration, timings.DurationMicros);
        }

        writer.AddTrendMicros(set.Blocked, timings.BlockedMicros);
        writer.AddTrendMicros(set.Connecting, timings.ConnectingMicros);
        writer.AddTrendMicros(set.TlsHandshaking, timings.TlsHandshakingMicros);
        writer.AddTrendMicros(set.Sending, timings.SendingMicros);
        writer.AddTrendMicros(set.Waiting, timings.WaitingMicros);
        writer.AddTrendMicros(set.Receiving, timings.ReceivingMicros);
        writer.AddCounter(set.DataSent, bytesSent);
        writer.AddCounter(set.DataReceived, bytesReceived);
    }

    private HttpSeriesSet Create(SeriesKey key)
    {
        var tags = (key.RequestTags is null ? key.BaseTags : TagSet.From(key.BaseTags.Concat(key.RequestTags)))
            .With("method", key.Method)
            .With("name", key.Name)
            .With("status", key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("expected_response", key.Expected ? "true" : "false");
        if (key.Error != HttpErrorKind.None)
        {
            tags = tags.With("error", HttpErrors.TagValue(key.Error));
        }

        return new HttpSeriesSet(_metrics, tags);
    }

    /// <summary>The series a session's last request was recorded into, with what chose them; one per session, updated in place.</summary>
    internal sealed class LastSeries
    {
        public HttpRequest? Request { get; private set; }

        public TagSet? BaseTags { get; private set; }

        public int Status { get; private set; }

        public HttpErrorKind Error { get; private set; }

        public bool Expected { get; private set; }

        public HttpSeriesSet? Set { get; private set; }

        public void Remember(HttpRequest request, TagSet baseTags, int status, HttpErrorKind error, bool expected, HttpSeriesSet set) =>
            (Request, BaseTags, Status, Error, Expected, Set) = (request, baseTags, status, error, expected, set);
    }

    private readonly record struct SeriesKey(TagSet BaseTags, TagSet? RequestTags, string Method, string Name, int Status, HttpErrorKind Error, bool Expected);
}
