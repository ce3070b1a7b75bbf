using System.Collections.Concurrent;
using Surge.Timeline;

namespace Surge.Execution;

/// <summary>
/// Events raised anywhere during a run (VUs, monitors, the thresholds), queued for the runner, which
/// stamps them with the test's clock and hands them to the outputs on its own loop.
/// </summary>
internal sealed class RunEvents
{
    private readonly ConcurrentQueue<(EventKind Kind, string Message)> _queue = new();

    /// <summary>Queues an event; safe from any thread.</summary>
    public void Publish(EventKind kind, string message) => _queue.Enqueue((kind, message));

    /// <summary>The events queued now, oldest first, left in the queue.</summary>
    public IReadOnlyList<(EventKind Kind, string Message)> Queued => _queue.ToArray();

    /// <summary>Takes the oldest queued event, if any.</summary>
    public bool TryTake(out (EventKind Kind, string Message) notice) => _queue.TryDequeue(out notice);
}
