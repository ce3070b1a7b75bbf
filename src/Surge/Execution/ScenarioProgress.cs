using Surge.Summary;

namespace Surge.Execution;

/// <summary>Live counts of one scenario, read by the console once a second.</summary>
public sealed class ScenarioProgress
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
    private TimeProvider? _time;
    private long _startedAt;
    private TimeSpan? _ran;
    private readonly List<MutableError> _errors = [];

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
    public bool HasStarted => _time is not null;

    /// <summary>True once the scenario has ended.</summary>
    public bool HasEnded => _ran is not null;

    /// <summary>How long the scenario has been running (its whole run once ended); zero before its start.</summary>
    public TimeSpan Elapsed => _ran ?? (_time is { } time ? time.GetElapsedTime(_startedAt) : TimeSpan.Zero);

    internal void Completed() => Interlocked.Increment(ref _completed);

    internal void Interrupted() => Interlocked.Increment(ref _interrupted);

    internal void Failed(Exception exception)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _interrupted);
        var message = $"{exception.GetType().Name}: {exception.Message}";
        lock (_errors)
        {
            // A message seen before is counted where it was seen: reading a stack trace's file and
            // line costs tens of µs, too much when every iteration fails (a 500 page parsed as JSON).
            var known = _errors.Find(e => e.Message == message);
            if (known is not null)
            {
                known.Count++;
                return;
            }
        }

        var location = IterationError.LocationOf(exception);
        lock (_errors)
        {
            var known = _errors.Find(e => e.Message == message && e.Location == location);
            if (known is not null)
            {
                known.Count++;
            }
            else if (_errors.Count < MaxErrorKinds)
            {
                _errors.Add(new MutableError(message, location) { Count = 1 });
            }
            else
            {
                // Past ten kinds, the rest share one line rather than grow the list without end.
                var other = _errors.Find(e => e.Message == OtherErrors);
                if (other is null)
                {
                    _errors.Add(other = new MutableError(OtherErrors, null));
                }

                other.Count++;
            }
        }
    }

    internal void VuStarted() => Interlocked.Increment(ref _activeVus);

    internal void VuAllocated() => Interlocked.Increment(ref _allocatedVus);

    /// <summary>The iterations an arrival-rate schedule will start, for the achieved-rate line.</summary>
    internal void Expect(long iterations) => Interlocked.Exchange(ref _expected, iterations);

    /// <summary>Counts dropped iterations; true the first time, so the warning is given once.</summary>
    internal bool Dropped(long count) => Interlocked.Add(ref _dropped, count) == count;

    internal void Started(TimeProvider time)
    {
        _startedAt = time.GetTimestamp();
        _time = time;
    }

    internal void Ended() => _ran = Elapsed;

    internal void VuStopped() => Interlocked.Decrement(ref _activeVus);

    /// <summary>Restores counts read from a results file.</summary>
    internal void Restore(long completed, long interrupted, long failed, IEnumerable<IterationError> errors)
    {
        lock (_errors)
        {
            _errors.Clear();
            _errors.AddRange(errors.Select(e => new MutableError(e.Message, e.Location) { Count = e.Count }));
        }

        _completed = completed;
        _interrupted = interrupted;
        _failed = failed;
    }

    private sealed record MutableError(string Message, string? Location)
    {
        public long Count { get; set; }
    }
}
