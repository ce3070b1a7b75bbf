using Surge.Outcome;

namespace Surge.Execution;

/// <summary>Live counts of one scenario, read by the console once a second.</summary>
internal sealed class ScenarioProgress
{
    private const int MaxErrorKinds = 10;
    private const string OtherErrors = "(other kinds of errors)";
    private long _completed;
    private long _interrupted;
    private long _failed;
    private int _activeVus;
    private int _allocatedVus;
    private long _dropped;
    private long _expected = -1;
    // Written by the scenario's own flow, read by the runner's each second: published with Volatile.
    private TimeProvider? _time;
    private long _startedAt;
    private long _ranTicks = -1;
    private long _firstIterationAt;
    private long _lastIterationEndAt;
    private readonly List<MutableError> _errors = [];
    private readonly List<Task> _locating = [];

    internal ScenarioProgress(Scenario scenario)
    {
        Scenario = scenario;
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>Iterations that ran to their end.</summary>
    public long CompletedIterations => Interlocked.Read(ref _completed);

    /// <summary>Iterations cut off by a stop.</summary>
    public long InterruptedIterations => Interlocked.Read(ref _interrupted);

    /// <summary>Iterations that threw an exception (they count as interrupted too, as in k6).</summary>
    public long FailedIterations => Interlocked.Read(ref _failed);

    /// <summary>The distinct exceptions iterations threw (the first ten kinds), with counts.</summary>
    public IReadOnlyList<IterationError> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors.Select(e => new IterationError(e.Message, e.Location, e.Count))];
            }
        }
    }

    /// <summary>VUs running now.</summary>
    public int ActiveVus => Volatile.Read(ref _activeVus);

    /// <summary>VUs made so far (arrival-rate pools grow up to maxVUs).</summary>
    public int AllocatedVus => Volatile.Read(ref _allocatedVus);

    /// <summary>Iterations that were due but not run (<c>dropped_iterations</c>).</summary>
    public long DroppedIterations => Interlocked.Read(ref _dropped);

    /// <summary>Iterations the executor planned to start (arrival rate: its schedule; iteration executors: their count); null for the rest.</summary>
    public long? ExpectedIterations => Interlocked.Read(ref _expected) is var expected and >= 0
        ? expected
        : Scenario.Executor.PlannedIterations;

    /// <summary>True once the scenario has started (after its startTime).</summary>
    public bool HasStarted => Volatile.Read(ref _time) is not null;

    /// <summary>True once the scenario has ended.</summary>
    public bool HasEnded => Volatile.Read(ref _ranTicks) >= 0;

    /// <summary>How long the scenario has been running (its whole run once ended); zero before its start.</summary>
    public TimeSpan Elapsed => Volatile.Read(ref _ranTicks) is var ran and >= 0
        ? TimeSpan.FromTicks(ran)
        : Volatile.Read(ref _time) is { } time ? time.GetElapsedTime(_startedAt) : TimeSpan.Zero;

    internal void Completed() => Interlocked.Increment(ref _completed);

    internal void Interrupted() => Interlocked.Increment(ref _interrupted);

    /// <summary>Counts the iterations of VUs the scenario ended without (their code would not stop) as interrupted.</summary>
    internal void Abandoned(int vus) => Interlocked.Add(ref _interrupted, vus);

    internal void Failed(Exception exception)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _interrupted);
        var message = IterationErrors.MessageOf(exception);
        lock (_errors)
        {
            var known = _errors.Find(e => e.Message == message);
            if (known is not null)
            {
                known.Count++;
                return;
            }

            if (_errors.Count >= MaxErrorKinds)
            {
                // Past ten kinds, the rest share one line rather than grow the list without end.
                var other = _errors.Find(e => e.Message == OtherErrors);
                if (other is null)
                {
                    _errors.Add(other = new MutableError(OtherErrors));
                }

                other.Count++;
                return;
            }

            // The script line comes from the stack trace's debug information: the first read loads
            // the PDB reader (a second or more), far too long to hold a VU or its thread for. It is
            // found off the VU's path, once per kind of error.
            var error = new MutableError(message) { Count = 1 };
            _errors.Add(error);
            _locating.Add(Task.Run(() =>
            {
                var location = IterationErrors.LocationOf(exception);
                lock (_errors)
                {
                    error.Location = location;
                }
            }));
        }
    }

    /// <summary>Waits (a bounded time) until the script lines of the errors seen so far are known.</summary>
    internal async Task ErrorsLocatedAsync(TimeSpan limit)
    {
        Task[] locating;
        lock (_errors)
        {
            locating = [.. _locating];
        }

        await Task.WhenAny(Task.WhenAll(locating), Task.Delay(limit));
    }

    internal void VuStarted() => Interlocked.Increment(ref _activeVus);

    internal void VuAllocated() => Interlocked.Increment(ref _allocatedVus);

    /// <summary>The iterations an arrival-rate schedule will start, for the achieved-rate line.</summary>
    internal void Expect(long iterations) => Interlocked.Exchange(ref _expected, iterations);

    /// <summary>Counts dropped iterations; true the first time, so the warning is given once.</summary>
    internal bool Dropped(long count) => Interlocked.Add(ref _dropped, count) == count;

    /// <summary>
    /// When the scenario's load ran, as timestamps of its clock: from its first iteration's start to its last
    /// iteration's end, graceful-stop tail included; null before any iteration.
    /// </summary>
    /// <remarks>
    /// The tail stays in: the responses that arrive in it are counted as throughput, so their time must be
    /// too. Cut at the planned end, an overloaded server that drains its queue for seconds after the load
    /// stopped was credited with every drained response over the planned seconds alone (a server of 340/s
    /// showed 428/s); with the tail, that server shows its own pace, and a closed model, whose iterations in
    /// flight end spread over one iteration's time, keeps its rate.
    /// </remarks>
    internal (long Start, long End)? LoadWindow
    {
        get
        {
            var first = Volatile.Read(ref _firstIterationAt);
            var last = Volatile.Read(ref _lastIterationEndAt);
            var time = Volatile.Read(ref _time);
            if (first == 0 || last == 0 || time is null)
            {
                return null;
            }

            return (first, Math.Max(first, last));
        }
    }

    /// <summary>How long the scenario's load ran (<see cref="LoadWindow"/>); zero before any iteration.</summary>
    public TimeSpan LoadTime => LoadWindow is { } window && Volatile.Read(ref _time) is { } time ? time.GetElapsedTime(window.Start, window.End) : TimeSpan.Zero;

    /// <summary>
    /// How long the load of all of <paramref name="scenarios"/> ran: from the first iteration's start in any of
    /// them to the last one's end (so far, while they run); zero before any iteration.
    /// </summary>
    internal static TimeSpan LoadTimeOf(IEnumerable<ScenarioProgress> scenarios)
    {
        long? start = null;
        long? end = null;
        TimeProvider? time = null;
        foreach (var scenario in scenarios)
        {
            if (scenario.LoadWindow is { } window)
            {
                start = Math.Min(start ?? long.MaxValue, window.Start);
                end = Math.Max(end ?? long.MinValue, window.End);
                time ??= Volatile.Read(ref scenario._time);
            }
        }

        return time is null ? TimeSpan.Zero : time.GetElapsedTime(start!.Value, end!.Value);
    }

    internal void IterationStarting(long timestamp)
    {
        if (Volatile.Read(ref _firstIterationAt) == 0)
        {
            Interlocked.CompareExchange(ref _firstIterationAt, timestamp, 0);
        }
    }

    // A plain write, not a compare-and-swap loop, on the hot path: two VUs ending at once may leave the
    // earlier of their two timestamps, microseconds off, and the next iteration to end corrects it.
    internal void IterationEnded(long timestamp) => Volatile.Write(ref _lastIterationEndAt, timestamp);

    internal void Started(TimeProvider time)
    {
        _startedAt = time.GetTimestamp();
        Volatile.Write(ref _time, time); // after _startedAt: whoever sees the clock sees the start
    }

    internal void Ended() => Volatile.Write(ref _ranTicks, Elapsed.Ticks);

    internal void VuStopped() => Interlocked.Decrement(ref _activeVus);

    private sealed class MutableError(string message)
    {
        public string Message { get; } = message;

        public string? Location { get; set; }

        public long Count { get; set; }
    }
}
