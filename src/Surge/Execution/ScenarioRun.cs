using System.Diagnostics;
using Surge.Execution.Timing;
using Surge.Metrics;
using Surge.Timeline;

namespace Surge.Execution;

/// <summary>
/// One scenario while it runs: makes its VUs, runs iterations (one, or a VU's loop of them) with their bookkeeping
/// (iteration metrics, completed/interrupted/dropped counts), and interrupts one VU or all of them.
/// Executors decide only when VUs run.
/// </summary>
internal sealed class ScenarioRun : IDisposable
{
    private readonly RunContext _context;
    private readonly TagSet _tags;
    private readonly Series _iterations;
    private readonly Series _iterationDuration;
    private readonly Series _dropped;
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly Lock _lock = new();
    private readonly List<Slot> _slots = [];
    private readonly TaskCompletionSource _interrupted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _abandoned;
    private bool _interruptedAll;

    public ScenarioRun(RunContext context, Scenario scenario, ScenarioProgress progress)
    {
        _context = context;
        Scenario = scenario;
        Progress = progress;
        // The executor's own tags (k6's scenario option) count like the scenario's, and win over them, as its env does.
        _tags = TagSet.From(scenario.Executor.Tags.Count == 0
            ? scenario.Tags
            : scenario.Tags.Concat(scenario.Executor.Tags).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value)).With("scenario", scenario.Name);
        _env = scenario.Executor.Env.Count == 0
            ? context.Env
            : context.Env.Concat(scenario.Executor.Env).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        _iterations = context.Registry.GetSeries(context.Metrics.Iterations, _tags);
        _iterationDuration = context.Registry.GetSeries(context.Metrics.IterationDuration, _tags);
        _dropped = context.Registry.GetSeries(context.Metrics.DroppedIterations, _tags);
    }

    public Scenario Scenario { get; }

    public ScenarioProgress Progress { get; }

    public TimeProvider Time => _context.Time;

    /// <summary>Makes a VU of this scenario, with its own interruption.</summary>
    public Vu CreateVu()
    {
        lock (_lock)
        {
            var slot = new Slot();
            var vu = new Vu(_context.NextVuId(), _slots.Count + 1, Scenario.Name, _context, _tags, _env) { Cancellation = slot.Interrupt.Token };
            slot.Vu = vu;
            _slots.Add(slot);
            if (_interruptedAll)
            {
                slot.Interrupt.Cancel();
            }

            _context.VuAllocated();
            Progress.VuAllocated();
            return vu;
        }
    }

    /// <summary>
    /// Runs one iteration; false when it was interrupted and the VU must stop.
    /// </summary>
    /// <param name="vu">The VU.</param>
    /// <param name="intendedStart">
    /// For the open model: when the iteration was due (a <see cref="TimeProvider"/> timestamp). Its
    /// requests' latency is then counted from that moment, not from when they were sent.
    /// </param>
    public ValueTask<bool> RunIterationAsync(Vu vu, long intendedStart = 0) => RunAsync(vu, intendedStart, loop: false, CancellationToken.None);

    /// <summary>
    /// Runs the VU's iterations one after another, each as <see cref="RunIterationAsync"/> does, until one is
    /// interrupted (false) or <paramref name="stopStarting"/> is cancelled (true): the closed model's loop. One
    /// method waits for each iteration where a loop around <see cref="RunIterationAsync"/> takes two, so a
    /// request of a one-request iteration (the <c>--url</c> mode) resumes one method less.
    /// </summary>
    public ValueTask<bool> RunIterationsAsync(Vu vu, CancellationToken stopStarting) =>
        stopStarting.IsCancellationRequested ? ValueTask.FromResult(true) : RunAsync(vu, 0, loop: true, stopStarting);

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> RunAsync(Vu vu, long intendedStart, bool loop, CancellationToken stopStarting)
    {
        // The loop's flow is the VU's: an exec that is not async and sets an AsyncLocal (or the culture) sets it here.
        // Each iteration starts from the VU's own flow again, as when every iteration was a method of its own.
        var flow = loop ? ExecutionContext.Capture() : null;
        while (true)
        {
            var start = BeginIteration(vu, intendedStart);
            var token = vu.Cancellation;
            Exception? failure = null;
            try
            {
                await Scenario.Exec(vu, token);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            if (!EndIteration(vu, start, failure, token))
            {
                return false;
            }

            if (!loop || stopStarting.IsCancellationRequested)
            {
                return true;
            }

            if (flow is not null && !ReferenceEquals(ExecutionContext.Capture(), flow))
            {
                ExecutionContext.Restore(flow);
            }
        }
    }

    private long BeginIteration(Vu vu, long intendedStart)
    {
        var start = _context.Time.GetTimestamp();
        Progress.IterationStarting(start);
        if (intendedStart != 0)
        {
            // The schedule runs on the TimeProvider's clock, the HTTP timings on the Stopwatch's:
            // carry over how late the iteration starts, not the timestamp itself.
            var late = _context.Time.GetElapsedTime(intendedStart, start);
            vu.Due.Set(Stopwatch.GetTimestamp() - (long)(Math.Max(0, late.TotalSeconds) * Stopwatch.Frequency));
        }

        return start;
    }

    /// <summary>An iteration's bookkeeping once it ended, with <paramref name="failure"/> if it threw; false when the VU must stop.</summary>
    private bool EndIteration(Vu vu, long start, Exception? failure, CancellationToken token)
    {
        // A failure is counted first, then the iteration's end, also when counting it throws: as a catch before its finally did.
        var carryOn = true;
        long end;
        try
        {
            if (failure is not null && token.IsCancellationRequested)
            {
                CountInterrupted();
                carryOn = false;
            }
            else if (failure is TestAbortedException abort)
            {
                Progress.Interrupted();
                _context.ScriptAborted(abort.Message);
                carryOn = false;
            }
            else if (failure is not null)
            {
                Progress.Failed(failure);
                vu.Iteration++;
            }
        }
        finally
        {
            vu.Due.Clear();
            end = _context.Time.GetTimestamp();
            Progress.IterationEnded(end);
        }

        if (failure is not null)
        {
            return carryOn;
        }

        if (token.IsCancellationRequested)
        {
            // Finished on its own, but after the stop: k6 counts these as interrupted too.
            CountInterrupted();
            return false;
        }

        var elapsed = _context.Time.GetElapsedTime(start, end);
        using (var writer = _context.Recorder.BeginWrite())
        {
            writer.AddCounter(_iterations, 1);
            writer.AddTrendMicros(_iterationDuration, (long)(elapsed.Ticks / TimeSpan.TicksPerMicrosecond));
        }

        Progress.Completed();
        vu.Iteration++;
        return true;
    }

    /// <summary>Counts an interrupted iteration, unless the scenario already counted it when it gave up on its VU.</summary>
    private void CountInterrupted()
    {
        if (!Volatile.Read(ref _abandoned))
        {
            Progress.Interrupted();
        }
    }

    /// <summary>Waits until <paramref name="offset"/> after <paramref name="start"/> (a timestamp); false when the scenario stops starting iterations first.</summary>
    public Task<bool> WaitUntilAsync(long start, TimeSpan offset, CancellationToken stopStarting) =>
        WaitAsync(Task.Delay(NotNegative(offset - Time.GetElapsedTime(start)), Time, stopStarting), stopStarting);

    /// <summary>
    /// Waits for the open model's next iteration start, due <paramref name="offset"/> after <paramref name="start"/>; false
    /// when the scenario stops starting iterations first. The run's clock says how (<see cref="RunClock"/>).
    /// </summary>
    public Task<bool> WaitForStartAsync(long start, TimeSpan offset, CancellationToken stopStarting) =>
        WaitAsync(_context.Clock.WaitForStartAsync(start, offset, stopStarting), stopStarting);

    private static TimeSpan NotNegative(TimeSpan wait) => wait > TimeSpan.Zero ? wait : TimeSpan.Zero;

    private static async Task<bool> WaitAsync(Task wait, CancellationToken stopStarting)
    {
        try
        {
            await wait;
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return !stopStarting.IsCancellationRequested;
    }

    /// <summary>Counts iterations that were due but could not run (no free VU, or no time left).</summary>
    public void Dropped(long count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        using (var writer = _context.Recorder.BeginWrite())
        {
            writer.AddCounter(_dropped, count);
        }

        if (Progress.Dropped(count))
        {
            _context.Events.Publish(EventKind.DroppedIterations, Scenario.Executor.IsOpenModel
                ? $"scenario '{Scenario.Name}': iterations are being dropped, no VU was free; raise maxVUs (now {Scenario.Executor.MaxVus})"
                : $"scenario '{Scenario.Name}': {count} iterations did not run before maxDuration");
        }
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

    /// <summary>Stops one VU's iteration in flight now (a ramp-down whose grace is over).</summary>
    public void Interrupt(Vu vu)
    {
        // Under the lock, so a Revive of the same VU happens wholly before or wholly after.
        lock (_lock)
        {
            var slot = _slots.Find(s => ReferenceEquals(s.Vu, vu));
            if (slot is not null)
            {
                slot.Interrupt.Cancel();
                vu.Session.Abort();
            }
        }
    }

    /// <summary>Makes an interrupted VU usable again (a later ramp-up), once its iteration has ended.</summary>
    public void Revive(Vu vu)
    {
        lock (_lock)
        {
            var slot = _slots.Find(s => ReferenceEquals(s.Vu, vu));
            if (slot is null || _interruptedAll)
            {
                return;
            }

            if (slot.Interrupt.IsCancellationRequested)
            {
                slot.Interrupt.Dispose();
                slot.Interrupt = new CancellationTokenSource();
                vu.Cancellation = slot.Interrupt.Token;
            }

            vu.Session.Revive();
        }
    }

    /// <summary>Completes when <see cref="Interrupt()"/> is first called.</summary>
    public Task WhenInterrupted => _interrupted.Task;

    /// <summary>
    /// Gives up on VUs that did not end when interrupted (their code blocks its thread): their iterations count
    /// as interrupted, the run says so, and the scenario ends without them.
    /// </summary>
    public void Abandon()
    {
        Volatile.Write(ref _abandoned, true);
        var stuck = Progress.ActiveVus;
        Progress.Abandoned(stuck);
        _context.Events.Publish(EventKind.VusAbandoned,
            $"scenario '{Scenario.Name}': {stuck} VU(s) did not stop when interrupted, as their code blocks its thread (Thread.Sleep, a busy loop, .Result or .Wait()); the test went on without them");
    }

    /// <summary>Stops every iteration in flight: its token is cancelled and its HTTP request aborted.</summary>
    public void Interrupt()
    {
        _interrupted.TrySetResult();
        lock (_lock)
        {
            _interruptedAll = true;
            foreach (var slot in _slots)
            {
                slot.Interrupt.Cancel();
                slot.Vu!.Session.Abort();
            }
        }
    }

    public void Dispose()
    {
        // Abandoned VUs are still inside user code that blocks: their sessions and tokens stay theirs.
        if (Volatile.Read(ref _abandoned))
        {
            return;
        }

        foreach (var slot in _slots)
        {
            slot.Vu!.Dispose();
            slot.Interrupt.Dispose();
        }
    }

    private sealed class Slot
    {
        public Vu? Vu { get; set; }

        public CancellationTokenSource Interrupt { get; set; } = new();
    }
}
