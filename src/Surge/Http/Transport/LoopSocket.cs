using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace Surge.Http.Transport;

/// <summary>
/// A non-blocking TCP socket on an <see cref="EventLoop"/>: sends and receives are plain system calls made
/// by the caller, and a caller waits only when the call would block, until the loop reports the socket ready.
/// </summary>
/// <remarks>
/// Each direction counts the readiness events the loop has seen. A receive that drained the socket (it
/// returned less than asked for, or nothing) marks the events seen so far as used; the next receive
/// waits for a new event instead of trying first. After a request is sent the response cannot be there
/// yet, so the wait costs no system call, where the runtime's sockets try a receive that returns EAGAIN.
/// </remarks>
internal sealed class LoopSocket : IDisposable
{
    private static int s_generations;
    private readonly EventLoop _loop;
    private readonly FileDescriptor _handle;
    private readonly Readiness _read = new();
    private readonly Readiness _write = new();
    private int _disposed;

    private LoopSocket(EventLoop loop, FileDescriptor handle)
    {
        _loop = loop;
        _handle = handle;
        Generation = Interlocked.Increment(ref s_generations);
    }

    /// <summary>Where the loop keeps this socket; with <see cref="Generation"/>, the key of its events.</summary>
    internal int Slot { get; set; } = -1;

    internal int Generation { get; }

    /// <summary>Opens a socket for <paramref name="family"/>, Nagle off, on the next loop.</summary>
    /// <exception cref="SocketException">The system refused a socket (out of descriptors: <see cref="SocketError.TooManyOpenSockets"/>).</exception>
    public static unsafe LoopSocket Open(AddressFamily family)
    {
        var fd = Libc.Socket(family == AddressFamily.InterNetworkV6 ? Libc.AfInet6 : Libc.AfInet, Libc.SockStream | Libc.SockNonBlock | Libc.SockCloexec, Libc.IpProtoTcp);
        if (fd < 0)
        {
            throw Libc.LastError();
        }

        var handle = new FileDescriptor(fd);
        var one = 1;
        Libc.SetSocketOption(handle, Libc.IpProtoTcp, Libc.TcpNoDelay, &one, sizeof(int));
        return new LoopSocket(EventLoop.Next(), handle);
    }

    /// <summary>Connects; the socket joins its loop once the connection is under way.</summary>
    /// <exception cref="SocketException">The connection failed (refused, unreachable, ...).</exception>
    public async ValueTask ConnectAsync(IPAddress address, int port)
    {
        if (StartConnect(address, port))
        {
            return;
        }

        await _write.WaitAsync();
        ThrowIfConnectFailed();
    }

    /// <summary>connect() on the non-blocking socket: true when it connected at once, false when it is under way.</summary>
    private unsafe bool StartConnect(IPAddress address, int port)
    {
        AddressStorage storage;
        var length = WriteAddress(address, port, new Span<byte>(&storage, sizeof(AddressStorage)));
        var result = Libc.Connect(_handle, (byte*)&storage, length);
        var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (result != 0 && errno != Libc.EInProgress)
        {
            throw Libc.Error(errno);
        }

        // Registered after connect(): a socket that is not connecting yet would report a hang-up at once.
        _loop.Register(this, _handle);
        return result == 0;
    }

    private unsafe void ThrowIfConnectFailed()
    {
        int error = 0, size = sizeof(int);
        if (Libc.GetSocketOption(_handle, Libc.SolSocket, Libc.SoError, &error, &size) != 0)
        {
            throw Libc.LastError();
        }

        if (error != 0)
        {
            throw Libc.Error(error);
        }
    }

    /// <summary>Sends what the socket takes now: the bytes sent, or -1 when it takes none (wait with <see cref="WaitWritableAsync"/>).</summary>
    public unsafe int TrySend(ReadOnlySpan<byte> bytes)
    {
        var seen = _write.Events;
        nint sent;
        fixed (byte* start = bytes)
        {
            do
            {
                sent = Libc.Send(_handle, start, bytes.Length, Libc.MsgNoSignal);
            }
            while (sent < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr);
        }

        if (sent >= 0)
        {
            if (sent < bytes.Length)
            {
                _write.Used(seen);
            }

            return (int)sent;
        }

        return WouldBlock(_write, seen);
    }

    /// <summary>Receives what is there: the bytes read, 0 at the end of the stream, -1 when nothing is (wait with <see cref="WaitReadableAsync"/>).</summary>
    public unsafe int TryReceive(Span<byte> buffer)
    {
        var seen = _read.Events;
        nint read;
        fixed (byte* start = buffer)
        {
            do
            {
                read = Libc.Receive(_handle, start, buffer.Length, 0);
            }
            while (read < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr);
        }

        if (read > 0)
        {
            if (read < buffer.Length)
            {
                _read.Used(seen); // drained: data after this brings a new event
            }

            return (int)read;
        }

        return read == 0 ? 0 : WouldBlock(_read, seen);
    }

    private static int WouldBlock(Readiness readiness, int seen)
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno == Libc.EAgain)
        {
            readiness.Used(seen);
            return -1;
        }

        throw Libc.Error(errno);
    }

    /// <summary>True when the loop reported the socket readable since a receive last drained it: a receive now finds data (or the end).</summary>
    public bool Readable => _read.Ready;

    /// <summary>Completes when the loop has reported the socket readable (or closed) since the last receive drained it.</summary>
    public ValueTask WaitReadableAsync() => _read.WaitAsync();

    /// <summary>Completes when the loop has reported the socket writable since a send last blocked.</summary>
    public ValueTask WaitWritableAsync() => _write.WaitAsync();

    /// <summary>Called by the loop with the events of an epoll report.</summary>
    internal void OnEvents(uint events)
    {
        // A hang-up or an error stays: the data and the end of the stream can come in one event, and a
        // receive that drains the data would otherwise wait for an event that never comes.
        var ended = (events & (Libc.EpollRdHup | Libc.EpollErr | Libc.EpollHup)) != 0;
        if ((events & (Libc.EpollOut | Libc.EpollErr | Libc.EpollHup)) != 0)
        {
            _write.Signal(ended && (events & (Libc.EpollErr | Libc.EpollHup)) != 0);
        }

        if ((events & Libc.EpollIn) != 0 || ended)
        {
            _read.Signal(ended);
        }
    }

    /// <summary>Closes the socket; a wait in flight ends and its next call fails. Safe from any thread, more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _loop.Unregister(this);
        try
        {
            Libc.Shutdown(_handle, Libc.ShutRdWr);
        }
        catch (ObjectDisposedException)
        {
        }

        // Closed once no call is using the descriptor any more (the handle counts them), so its number
        // cannot go to a new socket while a call still holds it.
        _handle.Dispose();

        // The waiter resumes on the thread pool, not on the thread closing (a watchdog, a stopping test).
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Close(), _read, preferLocal: false);
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Close(), _write, preferLocal: false);
    }

    private static int WriteAddress(IPAddress address, int port, Span<byte> bytes)
    {
        bytes.Clear();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // sockaddr_in6: family, port (network order), flow info, address, scope id.
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes, Libc.AfInet6);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], (ushort)port);
            address.TryWriteBytes(bytes[8..24], out _);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes[24..], (uint)address.ScopeId);
            return 28;
        }

        // sockaddr_in: family, port (network order), address.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes, Libc.AfInet);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], (ushort)port);
        address.TryWriteBytes(bytes[4..8], out _);
        return 16;
    }

    [StructLayout(LayoutKind.Sequential, Size = 32)]
    private struct AddressStorage
    {
        public long First;
    }

    /// <summary>A socket descriptor, closed when the last call using it returns.</summary>
    private sealed class FileDescriptor : SafeHandle
    {
        public FileDescriptor(int fd)
            : base(-1, ownsHandle: true) => SetHandle(fd);

        public override bool IsInvalid => handle == -1;

        protected override bool ReleaseHandle()
        {
            return Libc.Close((int)handle) == 0;
        }
    }

    /// <summary>One direction's readiness: events counted by the loop, at most one waiter.</summary>
    /// <remarks>
    /// The waiter's completion is guarded: <see cref="ManualResetValueTaskSourceCore{TResult}"/> marks itself
    /// complete a moment before it is done with its continuation field, so a waiter on another thread that
    /// saw the result and came back to wait again must not reset it in that moment.
    /// </remarks>
    private sealed class Readiness : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _core;
        private int _events;
        private int _used;
        private int _waiting;
        private int _completingThread;
        private volatile bool _ended;

        public int Events => Volatile.Read(ref _events);

        /// <summary>An event came since the last drain, or the socket hung up, failed or was closed.</summary>
        public bool Ready => _ended || Volatile.Read(ref _events) != _used;

        public void Used(int seen) => _used = seen;

        public ValueTask WaitAsync()
        {
            if (Ready)
            {
                return default;
            }

            ResetCore();
            Interlocked.Exchange(ref _waiting, 1);
            if (Ready && Interlocked.Exchange(ref _waiting, 0) == 1)
            {
                return default; // the event came between the check and the arming: no wait after all
            }

            return new ValueTask(this, _core.Version);
        }

        /// <summary>From the loop: one more event (<paramref name="ended"/>: for good); the waiter, if any, resumes here, on the loop's thread.</summary>
        public void Signal(bool ended = false)
        {
            if (ended)
            {
                _ended = true;
            }

            Interlocked.Increment(ref _events);
            if (Interlocked.Exchange(ref _waiting, 0) == 1)
            {
                Volatile.Write(ref _completingThread, Environment.CurrentManagedThreadId);
                _core.SetResult(true);
                Volatile.Write(ref _completingThread, 0);
            }
        }

        /// <summary>The socket was closed: every wait from now on ends at once.</summary>
        public void Close() => Signal(ended: true);

        public void GetResult(short token)
        {
            _core.GetResult(token);
            ResetCore(); // lets go of the waiter's state machine: a VU's socket would otherwise keep its connect's
        }

        /// <summary>Resets the source, once a completion running on another thread is done with it.</summary>
        private void ResetCore()
        {
            var completing = Volatile.Read(ref _completingThread);
            if (completing != 0 && completing != Environment.CurrentManagedThreadId)
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref _completingThread) != 0)
                {
                    spin.SpinOnce();
                }
            }

            _core.Reset();
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
