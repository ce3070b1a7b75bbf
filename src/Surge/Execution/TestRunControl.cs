namespace Surge.Execution;

/// <summary>Stops a running test from outside: the first request is graceful, the second is hard.</summary>
public sealed class TestRunControl : IDisposable
{
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _hard = new();
    private int _requests;

    /// <summary>Cancelled on the first stop: no new iterations; those in flight get their graceful stop.</summary>
    public CancellationToken GracefulStop => _graceful.Token;

    /// <summary>Cancelled on the second stop: iterations in flight are interrupted at once.</summary>
    public CancellationToken HardStop => _hard.Token;

    /// <summary>Why the test was stopped, if it was.</summary>
    public StopReason? Reason { get; private set; }

    /// <summary>Requests a stop: graceful the first time, hard the second.</summary>
    /// <returns>True when this request made the stop hard.</returns>
    public bool RequestStop(StopReason reason = StopReason.Interrupted)
    {
        Reason ??= reason;
        if (Interlocked.Increment(ref _requests) == 1)
        {
            _graceful.Cancel();
            return false;
        }

        _graceful.Cancel();
        _hard.Cancel();
        return true;
    }

    /// <summary>Stops at once (abortOnFail).</summary>
    public void Abort(StopReason reason)
    {
        Reason ??= reason;
        Interlocked.Increment(ref _requests);
        _graceful.Cancel();
        _hard.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _graceful.Dispose();
        _hard.Dispose();
    }
}
