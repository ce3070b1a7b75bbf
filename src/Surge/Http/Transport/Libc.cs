using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Surge.Http.Transport;

/// <summary>The few C library calls the event-loop transport makes: non-blocking sockets and epoll (Linux).</summary>
internal static unsafe partial class Libc
{
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockStream = 1;
    public const int SockNonBlock = 0x800;
    public const int SockCloexec = 0x80000;
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;
    public const int SolSocket = 1;
    public const int SoError = 4;
    public const int ShutRdWr = 2;
    public const int MsgNoSignal = 0x4000;
    public const int EpollCloexec = 0x80000;
    public const int EpollCtlAdd = 1;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const uint EpollEt = 1u << 31;

    public const uint SchedOther = 0;
    public const uint SchedBatch = 3;
    public const ulong SchedFlagResetOnFork = 1;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EInProgress = 115;

    private const string Name = "libc";

    static Libc()
    {
        // "libc" is not a file name the loader finds by itself (libc.so is a linker script where it exists):
        // glibc's soname first, then musl's.
        NativeLibrary.SetDllImportResolver(typeof(Libc).Assembly, static (name, _, _) =>
        {
            if (name != Name)
            {
                return IntPtr.Zero;
            }

            foreach (var candidate in (ReadOnlySpan<string>)["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1"])
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }

            return IntPtr.Zero;
        });
    }

    /// <summary>epoll_event's size: packed on x86-64 (12 bytes), naturally aligned elsewhere (16).</summary>
    public static int EpollEventSize { get; } = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

    [LibraryImport(Name, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Name, EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(SafeHandle fd, byte* address, int length);

    [LibraryImport(Name, EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(SafeHandle fd, byte* buffer, nint length, int flags);

    [LibraryImport(Name, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(SafeHandle fd, byte* buffer, nint length, int flags);

    [LibraryImport(Name, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSocketOption(SafeHandle fd, int level, int name, int* value, int length);

    [LibraryImport(Name, EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSocketOption(SafeHandle fd, int level, int name, int* value, int* length);

    [LibraryImport(Name, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(SafeHandle fd, int how);

    [LibraryImport(Name, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Name, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport(Name, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollControl(int epoll, int operation, SafeHandle fd, byte* ev);

    /// <summary>The numbers of sched_getattr and sched_setattr (the C library has no wrapper before glibc 2.41); 0 where unknown.</summary>
    public static (nint Get, nint Set) SchedAttrCalls { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (315, 314),
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => (275, 274),
        _ => (0, 0),
    };

    [LibraryImport(Name, EntryPoint = "syscall")]
    public static partial nint Syscall(nint number, nint first, nint second, nint third, nint fourth);

    [LibraryImport(Name, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMs);

    /// <summary>struct sched_attr as the kernel first defined it (48 bytes): what sched_getattr fills and sched_setattr takes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SchedAttr
    {
        public uint Size;
        public uint Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public ulong Runtime; // for SCHED_OTHER and SCHED_BATCH (Linux 6.12 on): the thread's time slice, in ns
        public ulong Deadline;
        public ulong Period;
    }

    /// <summary>The socket error an errno means, as the runtime's sockets report it (so errors are classified alike).</summary>
    public static SocketError ToSocketError(int errno) => errno switch
    {
        111 => SocketError.ConnectionRefused,   // ECONNREFUSED
        104 => SocketError.ConnectionReset,     // ECONNRESET
        103 => SocketError.ConnectionAborted,   // ECONNABORTED
        32 => SocketError.Shutdown,             // EPIPE
        107 => SocketError.NotConnected,        // ENOTCONN
        110 => SocketError.TimedOut,            // ETIMEDOUT
        113 => SocketError.HostUnreachable,     // EHOSTUNREACH
        101 => SocketError.NetworkUnreachable,  // ENETUNREACH
        100 => SocketError.NetworkDown,         // ENETDOWN
        99 => SocketError.AddressNotAvailable,  // EADDRNOTAVAIL
        98 => SocketError.AddressAlreadyInUse,  // EADDRINUSE
        97 => SocketError.AddressFamilyNotSupported, // EAFNOSUPPORT
        23 or 24 => SocketError.TooManyOpenSockets, // ENFILE, EMFILE
        105 or 12 => SocketError.NoBufferSpaceAvailable, // ENOBUFS, ENOMEM
        EIntr => SocketError.Interrupted,
        EAgain => SocketError.WouldBlock,
        EInProgress => SocketError.InProgress,
        _ => SocketError.SocketError,
    };

    /// <summary>The last call's errno as the exception the runtime's sockets would throw.</summary>
    public static SocketException LastError() => Error(Marshal.GetLastPInvokeError());

    public static SocketException Error(int errno) => new((int)ToSocketError(errno));
}
