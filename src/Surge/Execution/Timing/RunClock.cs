using System.Diagnostics;

namespace Surge.Execution.Timing;

/// <summary>
/// The run's clock: the <see cref="TimeProvider"/> everything is timed on, and how the open model waits
/// for an iteration's due time on it. Chosen once, where the run is composed, never by looking at the provider.
/// </summary>
internal abstract class RunClock
{
    private RunClock(TimeProvider time) => Time = time;

    /// <summary>
    /// The system clock. Open-model starts are timed by the <see cref="DueTimer"/>, within a fraction of a
    /// millisecond of the due time rather than the several a runtime timer can be late; the caller continues
    /// on the timer's thread, so it must only hand work on.
    /// </summary>
    public static RunClock System { get; } = new PreciseClock();

    /// <summary>The time everything in the run is measured on.</summary>
    public TimeProvider Time { get; }

    /// <summary>Another clock (a test's fake one): every wait is one of its own timers.</summary>
    public static RunClock Of(TimeProvider time) => new ProviderClock(time ?? throw new ArgumentNullException(nameof(time)));

    /// <summary>Completes when <paramref name="offset"/> after <paramref name="start"/> (a timestamp of <see cref="Time"/>) has come.</summary>
    public abstract Task WaitForStartAsync(long start, TimeSpan offset, CancellationToken cancellationToken);

    private sealed class PreciseClock() : RunClock(TimeProvider.System)
    {
        // TimeProvider.System's timestamps are the Stopwatch's, which the DueTimer counts in.
        public override Task WaitForStartAsync(long start, TimeSpan offset, CancellationToken cancellationToken) =>
            DueTimer.WaitUntilAsync(start + (long)(offset.TotalSeconds * Stopwatch.Frequency), cancellationToken);
    }

    private sealed class ProviderClock(TimeProvider time) : RunClock(time)
    {
        public override Task WaitForStartAsync(long start, TimeSpan offset, CancellationToken cancellationToken)
        {
            var wait = offset - Time.GetElapsedTime(start);
            return Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Time, cancellationToken);
        }
    }
}
