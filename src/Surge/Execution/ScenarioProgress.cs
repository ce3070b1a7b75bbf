namespace Surge.Execution;

/// <summary>Live counts of one scenario, read by the console once a second.</summary>
public sealed class ScenarioProgress
{
    private long _completed;
    private long _interrupted;
    private long _failed;
    private int _activeVus;
    private string? _firstError;

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

    /// <summary>The first exception message an iteration threw, if any.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>VUs running now.</summary>
    public int ActiveVus => Volatile.Read(ref _activeVus);

    internal void Completed() => Interlocked.Increment(ref _completed);

    internal void Interrupted() => Interlocked.Increment(ref _interrupted);

    internal void Failed(Exception exception)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _interrupted);
        Interlocked.CompareExchange(ref _firstError, $"{exception.GetType().Name}: {exception.Message}", null);
    }

    internal void VuStarted() => Interlocked.Increment(ref _activeVus);

    internal void VuStopped() => Interlocked.Decrement(ref _activeVus);

    /// <summary>Restores counts read from a results file.</summary>
    internal void Restore(long completed, long interrupted, long failed)
    {
        _completed = completed;
        _interrupted = interrupted;
        _failed = failed;
    }
}
