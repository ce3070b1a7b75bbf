using Surge.Metrics;
using Surge.Scenarios;

namespace Surge.Execution;

/// <summary>
/// One scenario while it runs: makes its VUs, runs single iterations with their bookkeeping
/// (iteration metrics, completed/interrupted counts), and interrupts everything on a stop.
/// Executors decide only when VUs run.
/// </summary>
internal sealed class ScenarioRun : IDisposable
{
    private readonly RunContext _context;
    private readonly TagSet _tags;
    private readonly Series _iterations;
    private readonly Series _iterationDuration;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly IReadOnlyDictionary<string, string> _env;
    private Vu[] _vus = [];

    public ScenarioRun(RunContext context, Scenario scenario, ScenarioProgress progress)
    {
        _context = context;
        Scenario = scenario;
        Progress = progress;
        _tags = TagSet.From(scenario.Tags).With("scenario", scenario.Name);
        _env = scenario.Executor.Env.Count == 0
            ? context.Env
            : context.Env.Concat(scenario.Executor.Env).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        _iterations = context.Registry.GetSeries(context.Metrics.Iterations, _tags);
        _iterationDuration = context.Registry.GetSeries(context.Metrics.IterationDuration, _tags);
    }

    public Scenario Scenario { get; }

    public ScenarioProgress Progress { get; }

    public TimeProvider Time => _context.Time;

    /// <summary>Cancelled when iterations in flight must stop now.</summary>
    public CancellationToken Interruption => _interrupt.Token;

    public Vu CreateVu()
    {
        var vu = new Vu(_context.NextVuId(), _vus.Length + 1, Scenario.Name, _context, _tags, _env) { Cancellation = _interrupt.Token };
        _vus = [.. _vus, vu];
        _context.VuAllocated();
        return vu;
    }

    /// <summary>Runs one iteration; false when it was interrupted and the VU must stop.</summary>
    public async ValueTask<bool> RunIterationAsync(Vu vu)
    {
        var start = _context.Time.GetTimestamp();
        try
        {
            await Scenario.Exec(vu, _interrupt.Token);
        }
        catch (Exception) when (_interrupt.IsCancellationRequested)
        {
            Progress.Interrupted();
            return false;
        }
        catch (TestAbortedException abort)
        {
            Progress.Interrupted();
            _context.ScriptAborted(abort.Message);
            return false;
        }
        catch (Exception exception)
        {
            Progress.Failed(exception);
            vu.Iteration++;
            return true;
        }

        if (_interrupt.IsCancellationRequested)
        {
            // Finished on its own, but after the stop: k6 counts these as interrupted too.
            Progress.Interrupted();
            return false;
        }

        var elapsed = _context.Time.GetElapsedTime(start);
        using (var writer = _context.Recorder.BeginWrite())
        {
            writer.AddCounter(_iterations, 1);
            writer.AddTrendMicros(_iterationDuration, (long)(elapsed.Ticks / TimeSpan.TicksPerMicrosecond));
        }

        Progress.Completed();
        vu.Iteration++;
        return true;
    }

    public void VuActive(bool active)
    {
        if (active)
        {
            Progress.VuStarted();
        }
        else
        {
            Progress.VuStopped();
        }

        _context.VuActive(active);
    }

    /// <summary>Stops every iteration in flight: its token is cancelled and its HTTP request aborted.</summary>
    public void Interrupt()
    {
        _interrupt.Cancel();
        foreach (var vu in Volatile.Read(ref _vus))
        {
            vu.Session.Abort();
        }
    }

    public void Dispose()
    {
        foreach (var vu in _vus)
        {
            vu.Dispose();
        }

        _interrupt.Dispose();
    }
}
