using System.Net;
using System.Net.Sockets;

namespace Surge.Monitoring.Prometheus;

/// <summary>
/// Watches a host through its Prometheus node_exporter: each sample is one GET of <c>/metrics</c>.
/// </summary>
/// <remarks>
/// In: the exporter's text (<c>node_cpu_seconds_total</c>, <c>node_memory_*</c>, <c>node_load*</c>,
/// <c>node_network_*_bytes_total</c>, <c>node_disk_*_bytes_total</c>, <c>node_netstat_Tcp_CurrEstab</c>).
/// Out: one <c>host</c> <see cref="ResourceSample"/>, its rates over the time since the previous
/// successful scrape, so the first sample has no CPU and no rates. A scrape that fails keeps the
/// previous one, and the next rates span the gap.
/// </remarks>
internal sealed class PrometheusMonitor : IMonitor
{
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(2);
    private readonly Uri _metricsUrl;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly TimeProvider _time;
    private readonly string _exporter;
    private NodeScrape? _previous;
    private long _previousTimestamp;

    /// <summary>Creates a monitor of the node_exporter at <paramref name="metricsUrl"/>.</summary>
    /// <param name="metricsUrl">The exporter's metrics page, e.g. <c>http://10.0.0.5:9100/metrics</c>.</param>
    /// <param name="label">The label its samples carry, e.g. <c>db</c>.</param>
    /// <param name="client">The client to scrape with; the monitor makes and disposes its own when null.</param>
    /// <param name="time">The clock rates are measured with and the 2 s timeout runs on; the system clock when null.</param>
    public PrometheusMonitor(Uri metricsUrl, string label, HttpClient? client = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(metricsUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        _metricsUrl = metricsUrl;
        _ownsClient = client is null;
        // A node_exporter page is about 100 KB; gzip keeps the scrapes out of the network rates they report.
        _client = client ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = ScrapeTimeout, AutomaticDecompression = DecompressionMethods.GZip });
        _time = time ?? TimeProvider.System;
        _exporter = $"node_exporter at {metricsUrl.Host}:{metricsUrl.Port}";
        Label = label;
        Source = $"prom://{metricsUrl.Host}:{metricsUrl.Port}{metricsUrl.PathAndQuery}";
    }

    /// <inheritdoc />
    public string Label { get; }

    /// <summary>What it watches, e.g. <c>prom://10.0.0.5:9100/metrics</c>.</summary>
    public string Source { get; }

    /// <summary>Scrapes the exporter once and returns the host's sample.</summary>
    /// <exception cref="MonitorException">The exporter does not answer, answers with an error, or is not a node_exporter.</exception>
    public async Task<IReadOnlyList<ResourceSample>> SampleAsync(CancellationToken cancellationToken)
    {
        var text = await ScrapeAsync(cancellationToken);
        var timestamp = _time.GetTimestamp();
        List<PrometheusSample> samples;
        try
        {
            samples = PrometheusText.Parse(text);
        }
        catch (FormatException e)
        {
            throw new MonitorException($"{_exporter} is not Prometheus text: {e.Message}", e);
        }

        var scrape = NodeScrape.Read(samples);
        if (!scrape.HasCpu)
        {
            throw new MonitorException($"{_exporter} has no node_cpu_seconds_total; is this a node_exporter?");
        }

        var elapsed = _previous is null ? TimeSpan.Zero : _time.GetElapsedTime(_previousTimestamp, timestamp);
        var sample = scrape.ToResourceSample(Label, _previous, elapsed);
        _previous = scrape;
        _previousTimestamp = timestamp;
        return [sample];
    }

    /// <summary>Disposes the HTTP client if the monitor made it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<string> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(ScrapeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _client.GetAsync(_metricsUrl, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new MonitorException($"{_exporter} answered {(int)response.StatusCode}{Hint(response.StatusCode)}");
            }

            return await response.Content.ReadAsStringAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MonitorException($"{_exporter} did not answer within {ScrapeTimeout.TotalSeconds:0} s; is the host overloaded?", e);
        }
        catch (HttpRequestException e)
        {
            throw new MonitorException(Describe(e), e);
        }
    }

    private string Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound when _metricsUrl.AbsolutePath != "/metrics" => "; is the path /metrics?",
        HttpStatusCode.NotFound => "; is something else listening on that port?",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "; prom:// sends no credentials, so let this host scrape without them",
        _ => "",
    };

    private string Describe(HttpRequestException exception) => FindSocketError(exception) switch
    {
        SocketError.ConnectionRefused => $"{_exporter} is not answering (connection refused); is it running?",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"{_exporter}: no such host; check the name",
        SocketError.TimedOut => $"{_exporter} is not answering (connect timed out); is a firewall in the way?",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{_exporter} cannot be reached (no route); check the address",
        _ => $"{_exporter} could not be read: {exception.Message.ReplaceLineEndings(" ")}",
    };

    private static SocketError? FindSocketError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
