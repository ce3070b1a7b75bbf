using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Surge.Http;

/// <summary>
/// The process's file descriptors, which every connection takes one of. Surge raises its soft limit to
/// the hard one at start (as Go programs do), and keeps a reserve for the runtime: when sockets took the
/// last descriptors, the runtime itself could not open a file or a pipe and aborted ("Out of memory.",
/// exit 134) with nothing written. A connection that would eat into the reserve fails as
/// <see cref="HttpErrorKind.Descriptors"/> instead, and the test goes on.
/// </summary>
/// <remarks>
/// Surge's own connections are counted; everything else the process holds (the runtime's assemblies,
/// files, an in-process target's accepted sockets) is counted off <c>/proc/self/fd</c>, at start and
/// again whenever a connection would come near the limit, at most every 250 ms. Not read off the new
/// socket: its descriptor number says little once closed connections leave holes below it, and reading
/// a socket's handle marks it exposed, which stops the runtime from replacing it when a connection to
/// one of several addresses (localhost: ::1, then 127.0.0.1) fails.
/// </remarks>
internal static class DescriptorLimit
{
    private const int NoFile = 7; // RLIMIT_NOFILE on Linux
    private static readonly long RefreshTicks = System.Diagnostics.Stopwatch.Frequency / 4;

    private static long s_connections;
    private static long s_others;
    private static long s_counted;

    /// <summary>The soft limit now (after <see cref="Raise()"/>); null where it cannot be read.</summary>
    public static long? Soft { get; private set; }

    /// <summary>The hard limit: the most the soft one can be raised to without privileges.</summary>
    public static long? Hard { get; private set; }

    /// <summary>Descriptors kept for the runtime, files and the monitors: 64, or 5 % of a large limit.</summary>
    public static long Reserve => Soft is { } soft ? Math.Max(64, soft / 20) : 64;

    /// <summary>Raises the soft limit to the hard one, once, at start; reads both.</summary>
    public static void Raise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // glibc's soname first ("libc.so" may be a linker script), then musl's.
        foreach (var name in new[] { "libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1" })
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "getrlimit", out var get)
                && NativeLibrary.TryGetExport(library, "setrlimit", out var set))
            {
                Raise(Marshal.GetDelegateForFunctionPointer<RLimitCall>(get), Marshal.GetDelegateForFunctionPointer<RLimitCall>(set));
                return;
            }
        }
    }

    private static void Raise(RLimitCall getRLimit, RLimitCall setRLimit)
    {
        var limit = default(RLimit);
        if (getRLimit(NoFile, ref limit) != 0)
        {
            return;
        }

        if (limit.Current < limit.Maximum)
        {
            var raised = new RLimit { Current = limit.Maximum, Maximum = limit.Maximum };
            if (setRLimit(NoFile, ref raised) == 0)
            {
                limit.Current = limit.Maximum;
            }
        }

        (Soft, Hard) = ((long)Math.Min(limit.Current, long.MaxValue), (long)Math.Min(limit.Maximum, long.MaxValue));
        Recount();
    }

    /// <summary>Takes a descriptor for a new connection.</summary>
    /// <exception cref="SocketException">With <see cref="SocketError.TooManyOpenSockets"/>, when only the reserve is left.</exception>
    public static void Take()
    {
        var connections = Interlocked.Increment(ref s_connections);
        if (Soft is not { } soft || connections + Volatile.Read(ref s_others) + (2 * Reserve) <= soft)
        {
            return;
        }

        // Within twice the reserve of the limit: count again what else is open (at most every 250 ms).
        CountOthers(force: false);
        if (connections + Volatile.Read(ref s_others) + Reserve > soft)
        {
            Interlocked.Decrement(ref s_connections);
            throw new SocketException((int)SocketError.TooManyOpenSockets);
        }
    }

    /// <summary>Counts what the process holds besides connections; the run service calls it as the test starts, when the script and the target are loaded.</summary>
    public static void Recount() => CountOthers(force: true);

    /// <summary>Gives back the descriptor of a closed connection.</summary>
    public static void Return() => Interlocked.Decrement(ref s_connections);

    /// <summary>Counts the descriptors that are not Surge's connections (at most every 250 ms unless forced).</summary>
    private static void CountOthers(bool force)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var last = Volatile.Read(ref s_counted);
        if (!Directory.Exists("/proc/self/fd") || (!force && (now - last < RefreshTicks || Interlocked.CompareExchange(ref s_counted, now, last) != last)))
        {
            return;
        }

        Volatile.Write(ref s_counted, now);
        var open = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        Volatile.Write(ref s_others, Math.Max(0, open - Volatile.Read(ref s_connections)));
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int RLimitCall(int resource, ref RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
