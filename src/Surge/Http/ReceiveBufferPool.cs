namespace Surge.Http;

/// <summary>
/// The receive buffers of all connections: a connection takes one for a response and gives it back once
/// the response is read, so a VU in its think time holds none.
/// </summary>
/// <remarks>
/// Not <c>ArrayPool.Shared</c>: its per-thread slots keep a buffer on each thread that returned one, and a
/// VU's request hops between thread-pool threads, so some rents missed and allocated 16 KiB anew (about 33
/// bytes per request, AllocationTests). One short lock per rent and return costs less than that.
/// </remarks>
internal static class ReceiveBufferPool
{
    /// <summary>The size of every buffer.</summary>
    public const int BufferBytes = 16 * 1024;

    // Enough for the requests in flight of a test of a few thousand VUs; beyond that a burst's extra
    // buffers go to the garbage collector instead of being held for the rest of the run.
    private const int MaxKept = 4096;
    private static readonly Lock s_lock = new();
    private static readonly byte[][] s_kept = new byte[MaxKept][];
    private static int s_count;

    // One buffer kept by each thread that gave one back: an event loop takes and returns a buffer for
    // every response it reads, and then needs no lock.
    [ThreadStatic]
    private static byte[]? t_spare;

    public static byte[] Rent()
    {
        if (t_spare is { } spare)
        {
            t_spare = null;
            return spare;
        }

        lock (s_lock)
        {
            if (s_count > 0)
            {
                var buffer = s_kept[--s_count];
                s_kept[s_count] = null!;
                return buffer;
            }
        }

        return GC.AllocateUninitializedArray<byte>(BufferBytes);
    }

    /// <summary>Takes back a buffer of <see cref="BufferBytes"/>; one of another size (grown for a long head) is left to the collector.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length != BufferBytes)
        {
            return;
        }

        if (t_spare is null)
        {
            t_spare = buffer;
            return;
        }

        lock (s_lock)
        {
            if (s_count < MaxKept)
            {
                s_kept[s_count++] = buffer;
            }
        }
    }
}
