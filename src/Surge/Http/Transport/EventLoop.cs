using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Surge.Http.Transport;

/// <summary>
/// One thread that waits on an epoll set of non-blocking sockets and wakes whoever waits on one of them.
/// Sockets are registered once, edge-triggered, for both directions: nothing changes per request.
/// </summary>
/// <remarks>
/// A waiter's continuation runs on this thread: Surge's own HTTP code (reading and parsing a response,
/// recording it, sending the next request of the <c>--url</c> quick mode) runs here without a thread
/// hop. User code never does: <see cref="VuHttp"/> moves a script's continuation to the thread pool
/// (<see cref="LeaveAsync"/>), so a script that blocks its thread cannot stall the I/O of other VUs.
/// There is one loop per core the process may use; connections are spread over them in turn.
/// </remarks>
internal sealed unsafe class EventLoop
{
    private const int MaxEvents = 256;
    private static readonly Lazy<EventLoop[]> s_loops = new(StartLoops);
    private static int s_next;

    // True while this thread wakes the waiters of socket events: user code they reach must go elsewhere.
    [ThreadStatic]
    private static bool t_dispatching;

    // True once this thread, which resumes scripts, has asked for its short time slice (see ShortenSlice).
    [ThreadStatic]
    private static bool t_sliced;

    private readonly int _epoll;
    private readonly Lock _lock = new();
    private LoopSocket?[] _sockets = new LoopSocket?[64];
    private readonly Stack<int> _free = new();
    private int _used;

    private EventLoop(int index)
    {
        _epoll = Libc.EpollCreate(Libc.EpollCloexec);
        if (_epoll < 0)
        {
            throw Libc.LastError();
        }

        var thread = new Thread(Run) { IsBackground = true, Name = $"surge-io-{index}" };
        thread.UnsafeStart();
    }

    /// <summary>True while a thread wakes the waiters of socket events (the loop's own, or one helping it), where user code must not run.</summary>
    public static bool OnLoopThread => t_dispatching;

    /// <summary>The loop for the next new socket (round robin over the loops).</summary>
    public static EventLoop Next()
    {
        var loops = s_loops.Value;
        return loops[(int)((uint)Interlocked.Increment(ref s_next) % (uint)loops.Length)];
    }

    /// <summary>Continues on the thread pool when called on a loop thread; at once anywhere else.</summary>
    public static YieldWhenOnLoop LeaveAsync() => default;

    private static EventLoop[] StartLoops()
    {
        // As many as the cores this process may use (its affinity and CPU quota): one generator core, one loop.
        var loops = new EventLoop[Math.Max(1, Environment.ProcessorCount)];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = new EventLoop(i);
        }

        return loops;
    }

    /// <summary>Adds a socket to the set, for reads and writes, edge-triggered.</summary>
    public void Register(LoopSocket socket, SafeHandle handle)
    {
        int slot;
        lock (_lock)
        {
            if (!_free.TryPop(out slot))
            {
                slot = _used++;
                if (slot == _sockets.Length)
                {
                    var grown = new LoopSocket?[_sockets.Length * 2];
                    _sockets.CopyTo(grown, 0);
                    Volatile.Write(ref _sockets, grown);
                }
            }

            _sockets[slot] = socket;
            socket.Slot = slot; // under the lock: a Dispose meanwhile finds it and takes it out again
        }

        var ev = stackalloc byte[16];
        Unsafe.WriteUnaligned(ev, Libc.EpollIn | Libc.EpollOut | Libc.EpollRdHup | Libc.EpollEt);
        Unsafe.WriteUnaligned(ev + 4 + (Libc.EpollEventSize - 12), Key(slot, socket.Generation));
        try
        {
            if (Libc.EpollControl(_epoll, Libc.EpollCtlAdd, handle, ev) != 0)
            {
                throw Libc.LastError();
            }
        }
        catch
        {
            Unregister(socket); // refused, or the socket was closed meanwhile (its handle is then disposed)
            throw;
        }
    }

    /// <summary>Takes a socket out of the table; events still on their way for it are dropped.</summary>
    public void Unregister(LoopSocket socket)
    {
        lock (_lock)
        {
            if (socket.Slot >= 0 && _sockets[socket.Slot] == socket)
            {
                _sockets[socket.Slot] = null;
                _free.Push(socket.Slot);
            }
        }
    }

    private static ulong Key(int slot, int generation) => ((ulong)(uint)generation << 32) | (uint)slot;

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * Libc.EpollEventSize));
        while (true)
        {
            var count = Libc.EpollWait(_epoll, events, MaxEvents, -1);
            if (count < 0)
            {
                if (Marshal.GetLastPInvokeError() == Libc.EIntr)
                {
                    continue;
                }

                throw Libc.LastError(); // the epoll descriptor itself is broken: nothing could work any more
            }

            Dispatch(events, count);
        }
    }

    /// <summary>
    /// Asks the kernel for the shortest time slice (0.1 ms, Linux 6.12 on) for this thread, which resumes
    /// scripts after their requests; its policy, nice value and priority stay as they are, and threads or
    /// processes it starts get the usual slice (reset on fork). Linux's scheduler (EEVDF) usually lets a woken
    /// thread with a shorter slice run sooner than one with a longer slice: the script's turn then comes as
    /// soon as its response is read, also on a core that some other program keeps busy, where it otherwise
    /// waited for that program's slice to end. Measured on one core: a C# script beside a CPU hog sent 33,891
    /// and 37,081 requests/s with a p95 of 0.06 ms, against 2,692 and 2,377/s and 1.5 and 3.7 ms before; on a
    /// core of its own, 0.80x wrk's requests/s against 0.73x (bench/README.md, "Short slices"). Where the
    /// kernel is older or refuses, nothing changes.
    /// </summary>
    private static void ShortenSlice()
    {
        t_sliced = true;
        var (get, set) = Libc.SchedAttrCalls;
        var attr = default(Libc.SchedAttr);
        if (get == 0 || Libc.Syscall(get, 0, (nint)(&attr), sizeof(Libc.SchedAttr), 0) != 0 || attr.Policy is not (Libc.SchedOther or Libc.SchedBatch))
        {
            return; // unknown here, or a real-time policy someone chose: leave it
        }

        attr.Size = (uint)sizeof(Libc.SchedAttr);
        attr.Runtime = 100_000; // ns: the shortest slice the kernel takes
        attr.Flags |= Libc.SchedFlagResetOnFork; // a loop thread or a runtime thread this one starts keeps the usual slice
        _ = Libc.Syscall(set, 0, (nint)(&attr), 0, 0);
    }

    /// <summary>Wakes the waiters of <paramref name="count"/> events.</summary>
    private void Dispatch(byte* events, int count)
    {
        var size = Libc.EpollEventSize;
        var sockets = Volatile.Read(ref _sockets);
        t_dispatching = true;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var entry = events + (i * size);
                var flags = Unsafe.ReadUnaligned<uint>(entry);
                var key = Unsafe.ReadUnaligned<ulong>(entry + 4 + (size - 12));
                var slot = (int)(uint)key;
                if (slot >= sockets.Length)
                {
                    sockets = Volatile.Read(ref _sockets); // registered after this batch's table was read
                }

                if (slot < sockets.Length && sockets[slot] is { } socket && socket.Generation == (int)(key >> 32))
                {
                    socket.OnEvents(flags);
                }
            }
        }
        finally
        {
            t_dispatching = false;
        }
    }

    /// <summary>
    /// The awaitable of <see cref="LeaveAsync"/>: <c>Task.Yield</c>, but only on a loop thread. Each continuation
    /// is its own work item: one script that is slow holds up only itself, on a multi-core machine. The thread
    /// that goes on gets a short time slice the first time (<see cref="ShortenSlice"/>).
    /// </summary>
    internal readonly struct YieldWhenOnLoop : ICriticalNotifyCompletion
    {
        public YieldWhenOnLoop GetAwaiter() => this;

        public bool IsCompleted => !t_dispatching;

        public void GetResult()
        {
            if (OperatingSystem.IsLinux() && !t_sliced)
            {
                ShortenSlice();
            }
        }

        public void OnCompleted(Action continuation) => Task.Yield().GetAwaiter().OnCompleted(continuation);

        public void UnsafeOnCompleted(Action continuation) => Task.Yield().GetAwaiter().UnsafeOnCompleted(continuation);
    }
}
