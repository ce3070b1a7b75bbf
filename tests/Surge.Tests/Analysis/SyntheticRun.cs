using System.Globalization;
using Surge.Analysis;
using Surge.Metrics;
using Surge.Monitoring;
using Surge.Outcome;
using Surge.Timeline;

namespace Surge.Tests.Analysis;

/// <summary>
/// A run made second by second by hand: load, responses with their latency, failures, dropped
/// iterations and resource samples go into both the timeline and the whole-run totals, as a real run's do.
/// </summary>
internal sealed class SyntheticRun
{
    private static readonly DateTimeOffset Start = new(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly MetricRegistry _registry = new();
    private readonly BuiltinMetrics _metrics;
    private readonly MetricTotals _totals = new();
    private readonly ResourceTotals _resources = new();
    private readonly bool _openModel;
    private readonly string _target;
    private RunTimeline _timeline = RunTimeline.Start(Start);
    private long _iterations;
    private long _dropped;

    public SyntheticRun(bool openModel = false, string target = "http://127.0.0.1:8080/")
    {
        _metrics = new BuiltinMetrics(_registry);
        _openModel = openModel;
        _target = target;
    }

    public RunTimeline Timeline => _timeline;

    /// <param name="load">VUs (closed model), or iterations per second offered (open model: what ran plus <paramref name="dropped"/>).</param>
    /// <param name="responses">Responses of the second (status 200 unless failed).</param>
    /// <param name="latencyMs">Mean latency; the second's values spread ±20 % around it.</param>
    /// <param name="failed">How many of the responses failed with <paramref name="failedStatus"/>.</param>
    /// <param name="refused">Requests more that got no response (error <c>refused</c>).</param>
    /// <param name="bytesPerResponse">data_received per response.</param>
    public SyntheticRun Second(
        double load,
        int responses,
        double latencyMs,
        ResourceSample[]? resources = null,
        int failed = 0,
        int failedStatus = 503,
        int refused = 0,
        int dropped = 0,
        long bytesPerResponse = 2_000,
        string endpoint = "/api")
    {
        var at = _timeline.Seconds.Count + 1;
        var series = new List<SeriesSecond>();
        void Add(Metric metric, TagSet tags, MetricAggregate values)
        {
            var s = _registry.GetSeries(metric, tags);
            _totals.Add(s, values);
            series.Add(SeriesSecond.Of(s, values));
        }

        void Requests(int count, string status, string? error, bool ok)
        {
            if (count == 0)
            {
                return;
            }

            var tags = TagSet.Of("scenario", "default", "method", "GET", "name", endpoint, "status", status, "expected_response", ok ? "true" : "false");
            tags = error is null ? tags : tags.With("error", error);
            var reqs = MetricAggregate.Create(MetricType.Counter);
            var fails = MetricAggregate.Create(MetricType.Rate);
            var duration = MetricAggregate.Create(MetricType.Trend);
            var received = MetricAggregate.Create(MetricType.Counter);
            for (var i = 0; i < count; i++)
            {
                reqs.AddCounter(1);
                fails.AddRate(!ok);
                duration.AddTrendMicros((long)(latencyMs * 1000 * (0.8 + (0.4 * i / Math.Max(1, count - 1)))));
                received.AddCounter(error is null ? bytesPerResponse : 0);
            }

            Add(_metrics.HttpReqs, tags, reqs);
            Add(_metrics.HttpReqFailed, tags, fails);
            Add(_metrics.HttpReqDuration, tags, duration);
            Add(_metrics.DataReceived, tags, received);
        }

        Requests(responses - failed, "200", null, ok: true);
        Requests(failed, failedStatus.ToString(CultureInfo.InvariantCulture), null, ok: false);
        Requests(refused, "0", "refused", ok: false);
        var iterations = MetricAggregate.Create(MetricType.Counter);
        iterations.AddCounter(responses + refused);
        Add(_metrics.Iterations, TagSet.Of("scenario", "default"), iterations);
        _iterations += responses + refused;
        if (dropped > 0)
        {
            var drops = MetricAggregate.Create(MetricType.Counter);
            drops.AddCounter(dropped);
            Add(_metrics.DroppedIterations, TagSet.Of("scenario", "default"), drops);
            _dropped += dropped;
        }

        if (!_openModel)
        {
            var vus = MetricAggregate.Create(MetricType.Gauge);
            vus.SetGauge(load, load, load);
            Add(_metrics.Vus, TagSet.Empty, vus);
        }

        var samples = resources ?? [];
        _resources.Add(samples);
        var elapsed = TimeSpan.FromSeconds(at);
        _timeline = _timeline.Append(new TimelineSecond(Start + elapsed, elapsed, TimeSpan.FromSeconds(1), series, samples, []));
        return this;
    }

    /// <summary>The summary of the seconds so far.</summary>
    /// <param name="configuredRate">Open model: the rate the scenario was configured for.</param>
    public TestSummary Summary(GeneratorHealth? generator = null, double configuredRate = 0)
    {
        var duration = TimeSpan.FromSeconds(_timeline.Seconds.Count);
        var scenario = new ScenarioSummary("default", _openModel ? "constant-arrival-rate" : "ramping-vus", "synthetic", _iterations, 0, 0, [])
        {
            OpenModel = _openModel,
            DroppedIterations = _dropped,
            PlannedDuration = duration,
            Ran = duration,
            LoadTime = duration,
            ExpectedIterations = _openModel ? (long)(configuredRate * duration.TotalSeconds) : null,
        };
        return new TestSummary(Start, duration, StopReason.Completed, _target, [scenario], _totals, [])
        {
            LoadDuration = duration,
            Generator = generator ?? new GeneratorHealth(TimeSpan.FromMilliseconds(3), 0.2, 0.1, TimeSpan.Zero, null),
            Resources = _resources.Summaries(),
        };
    }

    public Diagnosis Diagnose(GeneratorHealth? generator = null, double configuredRate = 0) =>
        Diagnoser.Diagnose(Summary(generator, configuredRate), _timeline);

    public static ResourceSample Host(string target, double cpu, int cores = 4, long memoryUsed = 2L << 30, long memoryTotal = 8L << 30, long swap = 0, double txBytes = 1e6, int timeWait = 100, double diskBusy = 5) => new()
    {
        Target = target,
        Kind = "host",
        CpuPercent = cpu,
        CoresPercent = [.. Enumerable.Repeat(cpu, cores)],
        MemoryUsedBytes = memoryUsed,
        MemoryTotalBytes = memoryTotal,
        SwapUsedBytes = swap,
        NetworkRxBytesPerSecond = txBytes / 20,
        NetworkTxBytesPerSecond = txBytes,
        TcpStates = new Dictionary<string, int> { ["ESTABLISHED"] = 50, ["TIME_WAIT"] = timeWait },
        DiskBusyPercent = diskBusy,
    };

    public static ResourceSample Process(string target, double cpu, long rss = 300L << 20, int openFiles = 64, long openFilesLimit = 1024) => new()
    {
        Target = target,
        Kind = "process",
        CpuPercent = cpu,
        MemoryUsedBytes = rss,
        Processes = 1,
        Threads = 20,
        OpenFiles = openFiles,
        OpenFilesLimit = openFilesLimit,
    };
}
