using Surge.Http;
using Surge.Metrics;

namespace Surge.Execution;

/// <summary>What all scenarios of one test run share: clock, metrics and HTTP plumbing.</summary>
internal sealed class RunContext : IDisposable
{
    private readonly Series _vus;
    private readonly Series _vusMax;
    private int _activeVus;
    private int _allocatedVus;

    public RunContext(TimeProvider time, HttpOptions httpOptions)
    {
        Time = time;
        Registry = new MetricRegistry();
        Metrics = new BuiltinMetrics(Registry);
        Recorder = new MetricRecorder(Registry);
        Http = new HttpRecorder(Metrics, Recorder, httpOptions);
        Watchdog = new TimeoutWatchdog(TimeProvider.System);
        _vus = Registry.GetSeries(Metrics.Vus, TagSet.Empty);
        _vusMax = Registry.GetSeries(Metrics.VusMax, TagSet.Empty);
        Registry.SetGauge(_vus, 0);
        Registry.SetGauge(_vusMax, 0);
    }

    public TimeProvider Time { get; }

    public MetricRegistry Registry { get; }

    public BuiltinMetrics Metrics { get; }

    public MetricRecorder Recorder { get; }

    public HttpRecorder Http { get; }

    public TimeoutWatchdog Watchdog { get; }

    public void VuAllocated() => Registry.SetGauge(_vusMax, Interlocked.Increment(ref _allocatedVus));

    public void VuActive(bool active) =>
        Registry.SetGauge(_vus, active ? Interlocked.Increment(ref _activeVus) : Interlocked.Decrement(ref _activeVus));

    public void Dispose()
    {
        Watchdog.Dispose();
        Recorder.Dispose();
    }
}
