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

    public void Record(TagSet baseTags, HttpRequest request, HttpResponse response, long bytesSent, long bytesReceived)
    {
        var expected = response.Error == HttpErrorKind.None && (request.IsExpectedStatus ?? Options.IsExpectedStatus)(response.Status);
        var key = new SeriesKey(baseTags, request.Tags, request.Method, request.NameTag, response.Status, response.Error, expected);
        var set = _sets.GetOrAdd(key, static (k, self) => self.Create(k), this);
        var timings = response.Timings;
        using var writer = _recorder.BeginWrite();
        writer.AddCounter(set.Reqs, 1);
        writer.AddRate(set.Failed, !expected);
        writer.AddTrendMicros(set.Duration, timings.DurationMicros);
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

    private readonly record struct SeriesKey(TagSet BaseTags, TagSet? RequestTags, string Method, string Name, int Status, HttpErrorKind Error, bool Expected);
}
