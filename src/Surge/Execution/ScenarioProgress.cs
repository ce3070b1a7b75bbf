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
