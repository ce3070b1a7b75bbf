using Surge.Metrics;

namespace Surge.Http;

/// <summary>The series one kind of request is recorded into, resolved once per distinct tag set.</summary>
internal sealed class HttpSeriesSet
{
    private readonly BuiltinMetrics _metrics;
    private readonly TagSet _tags;
    private Series? _serviceTime;

    public HttpSeriesSet(BuiltinMetrics metrics, TagSet tags)
    {
        _metrics = metrics;
        _tags = tags;
        var registry = metrics.Registry;
        Reqs = registry.GetSeries(metrics.HttpReqs, tags);
        Failed = registry.GetSeries(metrics.HttpReqFailed, tags);
        Duration = registry.GetSeries(metrics.HttpReqDuration, tags);
        Blocked = registry.GetSeries(metrics.HttpReqBlocked, tags);
        Connecting = registry.GetSeries(metrics.HttpReqConnecting, tags);
        TlsHandshaking = registry.GetSeries(metrics.HttpReqTlsHandshaking, tags);
        Sending = registry.GetSeries(metrics.HttpReqSending, tags);
        Waiting = registry.GetSeries(metrics.HttpReqWaiting, tags);
        Receiving = registry.GetSeries(metrics.HttpReqReceiving, tags);
        DataSent = registry.GetSeries(metrics.DataSent, tags);
        DataReceived = registry.GetSeries(metrics.DataReceived, tags);
    }

    /// <summary>The uncorrected service time, made on first use: only open-model requests record it.</summary>
    public Series ServiceTime => _serviceTime ??= _metrics.Registry.GetSeries(_metrics.HttpReqServiceTime, _tags);

    public Series Reqs { get; }

    public Series Failed { get; }

    public Series Duration { get; }

    public Series Blocked { get; }

    public Series Connecting { get; }

    public Series TlsHandshaking { get; }

    public Series Sending { get; }

    public Series Waiting { get; }

    public Series Receiving { get; }

    public Series DataSent { get; }

    public Series DataReceived { get; }
}
