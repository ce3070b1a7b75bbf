using HdrHistogram.Utilities;

namespace Surge.Metrics;

/// <summary>
/// The recordings of one thread: two buffers swapped by the aggregator without blocking the writer
/// (HdrHistogram's writer-reader phaser, as in its <c>Recorder</c>).
/// </summary>
internal sealed class ThreadShard
{
    private readonly WriterReaderPhaser _phaser = new();
    private ShardBuffer _active = new();
    private ShardBuffer _inactive = new();

    public long Enter(out ShardBuffer buffer)
    {
        var ticket = _phaser.WriterCriticalSectionEnter();
        buffer = Volatile.Read(ref _active);
        return ticket;
    }

    public void Exit(long ticket) => _phaser.WriterCriticalSectionExit(ticket);

    /// <summary>Swaps the buffers and adds what the thread recorded since the last swap into <paramref name="sink"/>.</summary>
    public void DrainInto(Action<int, MetricAggregate> sink)
    {
        _phaser.ReaderLock();
        try
        {
            var recorded = _active;
            Volatile.Write(ref _active, _inactive);
            _inactive = recorded;
            _phaser.FlipPhase();
        }
        finally
        {
            _phaser.ReaderUnlock();
        }

        // No writer can be inside _inactive any more: it is ours until the next swap.
        var slots = _inactive.Slots;
        for (var id = 0; id < slots.Length; id++)
        {
            if (slots[id] is { IsEmpty: false } slot)
            {
                sink(id, slot);
                slot.Reset();
            }
        }
    }

    /// <summary>Lets go of the recorded data; the empty shard may stay referenced by its thread.</summary>
    public void Release()
    {
        _active.Slots = [];
        _inactive.Slots = [];
    }
}
