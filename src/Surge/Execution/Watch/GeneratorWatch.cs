using Surge.Outcome;

namespace Surge.Execution.Watch;

/// <summary>
/// Watches the load generator itself, as Kestrel's heartbeat watches its own lag: a 100 ms tick notes how late
/// it fired, and each second the runner takes a <see cref="GeneratorSample"/> of the worst lag and the process
/// CPU. <see cref="IsLimiting"/> and <see cref="Health"/> then say whether the results describe the server or
/// the generator.
/// </summary>
/// <remarks>
/// In: ticks of its own timer, <see cref="TakeSecond"/> once a second from the runner. Out: the sample for that
/// second, and the run's <see cref="GeneratorHealth"/> for the summary. Thread-safe.
/// </remarks>
internal sealed class GeneratorWatch : IDisposable
{
    /// <summary>The tick period; lag is measured against it.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _processorTime;
    private readonly SaturationTracker _tracker = new();
    private ITimer? _timer;
    private long _lastTick;
    private long _sampleStart;
    private TimeSpan _sampleStartProcessorTime;
    private TimeSpan _sampleMaxLag;

    /// <summary>Creates a watch; nothing is measured until <see cref="Start"/>.</summary>
    /// <param name="time">The clock, and the source of the tick timer.</param>
    /// <param name="processorTime">
    /// The process's total CPU time so far, over all cores; defaults to <see cref="Environment.CpuUsage"/>.
    /// </param>
    public GeneratorWatch(TimeProvider time, Func<TimeSpan>? processorTime = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _processorTime = processorTime ?? (static () => Environment.CpuUsage.TotalTime);
    }

    /// <summary>True while the generator has been saturated for more than 3 s in a row, as of the last <see cref="TakeSecond"/>.</summary>
    public bool IsLimiting
    {
        get
        {
            lock (_lock)
            {
                return _tracker.IsLimiting;
            }
        }
    }

    /// <summary>The run so far, as of the last <see cref="TakeSecond"/>.</summary>
    public GeneratorHealth Health
    {
        get
        {
            lock (_lock)
            {
                return new GeneratorHealth(_tracker.MaxLag, _tracker.PeakCpu, _tracker.MeanCpu, _tracker.LimitedFor, _tracker.Verdict);
            }
        }
    }

    /// <summary>Starts the ticks; the first sample covers the time from here.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_timer is not null)
            {
                throw new InvalidOperationException("The generator watch is already started.");
            }

            _lastTick = _sampleStart = _time.GetTimestamp();
            _sampleStartProcessorTime = _processorTime();
            _timer = _time.CreateTimer(static state => ((GeneratorWatch)state!).Tick(), this, Period, Period);
        }
    }

    /// <summary>Ends the sample begun by the previous call (or by <see cref="Start"/>) and feeds it to the verdict.</summary>
    public GeneratorSample TakeSecond()
    {
        var now = _time.GetTimestamp();
        var processorTime = _processorTime();
        lock (_lock)
        {
            if (_timer is null)
            {
                throw new InvalidOperationException("Start the generator watch first.");
            }

            // A tick starved for the whole second never runs to report its lag, so count what has built up so far.
            var maxLag = Max(_sampleMaxLag, LagAt(now));
            var elapsed = _time.GetElapsedTime(_sampleStart, now);

            // CPU is read per sample, not per tick: the OS counts process CPU in scheduler ticks (10 ms on Linux),
            // too coarse for 100 ms, and a starved timer would leave a second with no reading at all. Counted in
            // ticks, a second with every core busy can read a little above all of them; it is capped there.
            var cpu = elapsed > TimeSpan.Zero
                ? Math.Min(1.0, (processorTime - _sampleStartProcessorTime) / (elapsed * Environment.ProcessorCount))
                : 0;
            var sample = new GeneratorSample(elapsed, maxLag, cpu);
            _tracker.Add(sample);
            (_sampleStart, _sampleStartProcessorTime, _sampleMaxLag) = (now, processorTime, TimeSpan.Zero);
            return sample;
        }
    }

    /// <summary>Stops the ticks.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
        }
    }

    private void Tick()
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            _sampleMaxLag = Max(_sampleMaxLag, LagAt(now));
            _lastTick = now;
        }
    }

    // Lag is the gap since the previous tick beyond one period, not lateness against a fixed schedule: the timer
    // reschedules each tick from when it fired, so a fixed schedule drifts into false lag over a long run. The cost:
    // starved ticks that run back to back read up to one period low, which still flags real starvation.
    private TimeSpan LagAt(long now) => Max(_time.GetElapsedTime(_lastTick, now) - Period, TimeSpan.Zero);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
