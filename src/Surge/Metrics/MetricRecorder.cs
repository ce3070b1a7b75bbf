namespace Surge.Metrics;

/// <summary>
/// The hot-path entry of the metric pipeline: every thread records into a buffer of its own, with no
/// lock and no allocation once its series exist; the aggregator drains all buffers once per interval.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private static int s_nextId = -1;

    // Per thread, the shard of each live recorder, indexed by recorder id. A shard outlives its thread,
    // so nothing recorded by a thread-pool thread that later exits is lost.
    [ThreadStatic]
    private static ThreadShard?[]? t_shards;

    private readonly int _id = Interlocked.Increment(ref s_nextId);
    private readonly Lock _lock = new();
    private ThreadShard[] _shards = [];

    /// <summary>Creates a recorder for the series of <paramref name="registry"/>.</summary>
    public MetricRecorder(MetricRegistry registry)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
    }

    /// <summary>The registry whose series this recorder takes.</summary>
    public MetricRegistry Registry { get; }

    /// <summary>Starts recording on the calling thread; dispose the writer when done.</summary>
    public MetricWriter BeginWrite()
    {
        var shards = t_shards;
        if (shards is not null && (uint)_id < (uint)shards.Length && shards[_id] is { } shard)
        {
            return new MetricWriter(shard);
        }

        return new MetricWriter(CreateShard());
    }

    private ThreadShard CreateShard()
    {
        var shard = new ThreadShard();
        var shards = t_shards ?? [];
        if (_id >= shards.Length)
        {
            Array.Resize(ref shards, _id + 8);
            t_shards = shards;
        }

        shards[_id] = shard;
        lock (_lock)
        {
            _shards = [.. _shards, shard];
        }

        return shard;
    }

    /// <summary>Drains every thread's buffer into <paramref name="sink"/> (series id, what was recorded).</summary>
    internal void DrainInto(Action<int, MetricAggregate> sink)
    {
        foreach (var shard in Volatile.Read(ref _shards))
        {
            shard.DrainInto(sink);
        }
    }

    /// <summary>Drops this recorder's shards from the current thread (other threads hold only an empty slot).</summary>
    public void Dispose()
    {
        if (t_shards is { } shards && _id < shards.Length)
        {
            shards[_id] = null;
        }

        lock (_lock)
        {
            foreach (var shard in _shards)
            {
                shard.Release();
            }

            _shards = [];
        }
    }
}
