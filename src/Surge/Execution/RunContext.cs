using Surge.Http;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Timeline;
using Surge.Execution.Timing;

namespace Surge.Execution;

/// <summary>What all scenarios of one test run share: clock, metrics and HTTP plumbing.</summary>
internal sealed class RunContext : IDisposable
{
    // Above this many VUs, a request takes its receive buffer only once the response starts to arrive
    // (bench/README.md, "Memory per VU": 10,000 VUs in 230 MiB instead of 420-550; one more system call per
    // request, about 7 % more CPU per request at 50 VUs, where the buffers are no concern).
    private const int ManyVus = 2_000;
    private readonly Series _vus;
    private readonly Series _vusMax;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Metric> _custom = new(StringComparer.Ordinal);
    private readonly List<string> _failReasons = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Metric, bool Above), bool> _rangeWarned = new();
    private int _activeVus;
    private int _vuIds;
    private int _allocatedVus;

    public RunContext(RunClock clock, TestPlan plan, TestRunControl control, RunEvents events)
    {
        Clock = clock;
        Time = clock.Time;
        Control = control;
        Events = events;
        Env = plan.Env;
        var httpOptions = plan.Http with { WaitForDataBeforeBuffer = plan.MaxVus > ManyVus };
        Registry = new MetricRegistry();
        Metrics = new BuiltinMetrics(Registry);
        Recorder = new MetricRecorder(Registry);
        Http = new HttpRecorder(Metrics, Recorder, httpOptions);
        Watchdog = new TimeoutWatchdog(TimeProvider.System);
        _vus = Registry.GetSeries(Metrics.Vus, TagSet.Empty);
        _vusMax = Registry.GetSeries(Metrics.VusMax, TagSet.Empty);
        Registry.SetGauge(_vus, 0);
        Registry.SetGauge(_vusMax, 0);
        foreach (var metric in plan.CustomMetrics)
        {
            Register(metric);
        }
    }

    public TestRunControl Control { get; }

    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>Things VUs report (an abort, a failure mark), for the runner to hand to the outputs on its own loop.</summary>
    public RunEvents Events { get; }

    /// <summary>Why the script aborted the test, once it has.</summary>
    public string? AbortMessage { get; private set; }

    public void ScriptAborted(string message)
    {
        AbortMessage ??= message;
        if (Control.Abort(StopReason.ScriptAborted))
        {
            Events.Publish(EventKind.Aborted, $"test aborted by the script: {message}");
        }
    }

    /// <summary>Why the script marked the test as failed (exit 110), in order; empty when it did not.</summary>
    public IReadOnlyList<string> FailReasons
    {
        get
        {
            lock (_failReasons)
            {
                return [.. _failReasons];
            }
        }
    }

    public Metric Register(MetricDefinition metric) =>
        _custom.GetOrAdd(metric.Name, static (_, args) => args.Registry.Register(args.Metric.Name, args.Metric.Type, args.Metric.Contains), (Registry, Metric: metric));

    public void MarkFailed(string reason)
    {
        lock (_failReasons)
        {
            if (_failReasons.Count >= 10 || _failReasons.Contains(reason))
            {
                return;
            }

            _failReasons.Add(reason);
        }

        Events.Publish(EventKind.MarkedFailed, $"the script marked the test as failed: {reason}");
    }

    /// <summary>Says once per trend and direction that a value was outside what its histogram holds.</summary>
    public void TrendOutOfRange(Metric metric, double value)
    {
        var highest = MetricAggregate.HighestTrackable(metric.Contains) / 1000;
        var above = value > highest;
        if (!_rangeWarned.TryAdd((metric.Name, above), true))
        {
            return;
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var text = value.ToString(above ? "N0" : "G", invariant);
        var limit = highest.ToString("N0", invariant);
        Events.Publish(EventKind.MetricOutOfRange, above
            ? $"trend '{metric.Name}' got {text}, above the {limit} its histogram holds: its percentiles stop at {limit} (count, avg, min and max stay exact)"
            : $"trend '{metric.Name}' got {text}, below the 0.001 it tells apart: it counts as 0; record it in a smaller unit");
    }

    public RunClock Clock { get; }

    public TimeProvider Time { get; }

    public MetricRegistry Registry { get; }

    public BuiltinMetrics Metrics { get; }

    public MetricRecorder Recorder { get; }

    public HttpRecorder Http { get; }

    public TimeoutWatchdog Watchdog { get; }

    /// <summary>The next test-wide VU number (k6's <c>__VU</c>): unique across scenarios, from 1.</summary>
    public int NextVuId() => Interlocked.Increment(ref _vuIds);

    public void VuAllocated() => Registry.SetGauge(_vusMax, Interlocked.Increment(ref _allocatedVus));

    public void VuActive(bool active) =>
        Registry.SetGauge(_vus, active ? Interlocked.Increment(ref _activeVus) : Interlocked.Decrement(ref _activeVus));

    public void Dispose()
    {
        Watchdog.Dispose();
        Recorder.Dispose();
    }
}
