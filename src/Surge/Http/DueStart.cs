namespace Surge.Http;

/// <summary>
/// Open model: when a VU's current iteration was due, as a <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp; the latency of the iteration's requests counts from there (no coordinated omission).
/// The VU owns it for its iterations; its HTTP client hands it to each request. 0 in the closed model.
/// </summary>
internal sealed class DueStart
{
    /// <summary>The due time; 0 when none (the closed model, or between iterations).</summary>
    public long Timestamp { get; private set; }

    /// <summary>Starts an open-model iteration that was due at <paramref name="timestamp"/>.</summary>
    public void Set(long timestamp) => Timestamp = timestamp;

    /// <summary>Ends the iteration.</summary>
    public void Clear() => Timestamp = 0;

    /// <summary>A pause is the user's own time, not time spent waiting on the server: later requests count from this much later.</summary>
    public void Shift(long stopwatchTicks)
    {
        if (Timestamp != 0)
        {
            Timestamp += stopwatchTicks;
        }
    }
}
