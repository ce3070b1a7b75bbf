namespace Surge.Metrics;

/// <summary>The metrics every test run has, with k6's names.</summary>
internal sealed class BuiltinMetrics
{
    /// <summary>Registers the built-in metrics in <paramref name="registry"/>.</summary>
    public BuiltinMetrics(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        HttpReqs = registry.Register("http_reqs", MetricType.Counter);
        HttpReqFailed = registry.Register("http_req_failed", MetricType.Rate);
        HttpReqDuration = registry.Register("http_req_duration", MetricType.Trend, MetricContains.Time);
        HttpReqBlocked = registry.Register("http_req_blocked", MetricType.Trend, MetricContains.Time);
        HttpReqConnecting = registry.Register("http_req_connecting", MetricType.Trend, MetricContains.Time);
        HttpReqTlsHandshaking = registry.Register("http_req_tls_handshaking", MetricType.Trend, MetricContains.Time);
        HttpReqSending = registry.Register("http_req_sending", MetricType.Trend, MetricContains.Time);
        HttpReqWaiting = registry.Register("http_req_waiting", MetricType.Trend, MetricContains.Time);
        HttpReqReceiving = registry.Register("http_req_receiving", MetricType.Trend, MetricContains.Time);
        DataSent = registry.Register("data_sent", MetricType.Counter, MetricContains.Data);
        DataReceived = registry.Register("data_received", MetricType.Counter, MetricContains.Data);
        Iterations = registry.Register("iterations", MetricType.Counter);
        IterationDuration = registry.Register("iteration_duration", MetricType.Trend, MetricContains.Time);
        HttpReqServiceTime = registry.Register("http_req_service_time", MetricType.Trend, MetricContains.Time);
        DroppedIterations = registry.Register("dropped_iterations", MetricType.Counter);
        Checks = registry.Register("checks", MetricType.Rate);
        GroupDuration = registry.Register("group_duration", MetricType.Trend, MetricContains.Time);
        Vus = registry.Register("vus", MetricType.Gauge);
        VusMax = registry.Register("vus_max", MetricType.Gauge);
    }

    /// <summary>The registry the metrics live in.</summary>
    public MetricRegistry Registry { get; }

    /// <summary>Requests made (counter).</summary>
    public Metric HttpReqs { get; }

    /// <summary>Share of requests whose status was not expected, or that got no response (rate).</summary>
    public Metric HttpReqFailed { get; }

    /// <summary>Sending + waiting + receiving (trend, ms).</summary>
    public Metric HttpReqDuration { get; }

    /// <summary>Time before the request could start: DNS lookup and waiting for a connection (trend, ms).</summary>
    public Metric HttpReqBlocked { get; }

    /// <summary>TCP connect time (trend, ms).</summary>
    public Metric HttpReqConnecting { get; }

    /// <summary>TLS handshake time (trend, ms).</summary>
    public Metric HttpReqTlsHandshaking { get; }

    /// <summary>Time to write the request (trend, ms).</summary>
    public Metric HttpReqSending { get; }

    /// <summary>Time to first byte of the response (trend, ms).</summary>
    public Metric HttpReqWaiting { get; }

    /// <summary>Time to read the rest of the response (trend, ms).</summary>
    public Metric HttpReqReceiving { get; }

    /// <summary>Bytes written (counter).</summary>
    public Metric DataSent { get; }

    /// <summary>Bytes read (counter).</summary>
    public Metric DataReceived { get; }

    /// <summary>Iterations completed (counter).</summary>
    public Metric Iterations { get; }

    /// <summary>Time of a complete iteration (trend, ms).</summary>
    public Metric IterationDuration { get; }

    /// <summary>
    /// Open model only: the request's own time (sending + waiting + receiving), uncorrected. There
    /// <c>http_req_duration</c> counts from when the iteration was due, so a stalled server shows.
    /// </summary>
    public Metric HttpReqServiceTime { get; }

    /// <summary>Iterations that were due but not run: no free VU (arrival rate), or no time left (maxDuration).</summary>
    public Metric DroppedIterations { get; }

    /// <summary>Outcomes of the script's checks, tagged <c>check</c> (rate).</summary>
    public Metric Checks { get; }

    /// <summary>Time of a group, tagged <c>group</c> (trend, ms).</summary>
    public Metric GroupDuration { get; }

    /// <summary>Active VUs (gauge).</summary>
    public Metric Vus { get; }

    /// <summary>VUs allocated (gauge).</summary>
    public Metric VusMax { get; }
}
