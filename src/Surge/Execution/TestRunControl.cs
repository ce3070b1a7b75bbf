using Surge.Outcome;

namespace Surge.Execution;

/// <summary>Stops a running test from outside: the first request is graceful, the second is hard.</summary>
internal sealed class TestRunControl : IDisposable
{
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _hard = new();
    private readonly CancellationTokenSource _hardByUser = new();
    private int _requests;
    private int _reason = -1;

    /// <summary>Cancelled on the first stop: no new iterations; those in flight get their graceful stop.</summary>
    public CancellationToken GracefulStop => _graceful.Token;

    /// <summary>Cancelled on the second stop: iterations in flight are interrupted at once.</summary>
    public CancellationToken HardStop => _hard.Token;

    /// <summary>Cancelled only by the person running the test asking twice, not by an abort: it ends even Teardown.</summary>
    public CancellationToken HardStopByUser => _hardByUser.Token;

    /// <summary>Why the test was stopped, if it was.</summary>
    public StopReason? Reason
    {
        get
        {
            var reason = Volatile.Read(ref _reason);
            return reason < 0 ? null : (StopReason)reason;
        }
    }

    /// <summary>True when the person running the test asked twice (Ctrl+C twice): not even Teardown runs then.</summary>
    public bool StoppedHardByUser { get; private set; }

    /// <summary>Requests a stop: graceful the first time, hard the second.</summary>
    /// <returns>True when this request made the stop hard.</returns>
    public bool RequestStop(StopReason reason = StopReason.Interrupted)
    {
        SetReason(reason);
        if (Interlocked.Increment(ref _requests) == 1)
        {
            _graceful.Cancel();
            return false;
        }

        StoppedHardByUser = true;
        _graceful.Cancel();
        _hard.Cancel();
        _hardByUser.Cancel();
        return true;
    }

    /// <summary>Stops at once (abortOnFail).</summary>
    /// <returns>True when this abort is the test's stop reason (nothing stopped it before).</returns>
    public bool Abort(StopReason reason)
    {
        var first = SetReason(reason);
        Interlocked.Increment(ref _requests);
        _graceful.Cancel();
        _hard.Cancel();
        return first;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _graceful.Dispose();
        _hard.Dispose();
        _hardByUser.Dispose();
    }

    /// <summary>Sets the reason unless one is set; atomic, as VUs, the threshold loop and signals race for it.</summary>
    private bool SetReason(StopReason reason) => Interlocked.CompareExchange(ref _reason, (int)reason, -1) == -1;
}
