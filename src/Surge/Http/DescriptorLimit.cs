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
internal static class DescriptorLimit
{
    private const int NoFile = 7; // RLIMIT_NOFILE on Linux

    private static long s_ceiling = long.MaxValue;

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
        Volatile.Write(ref s_ceiling, Soft.Value - Reserve);
    }

    /// <summary>Fails when a new socket took a descriptor from the reserve (Linux hands out the lowest free number).</summary>
    /// <exception cref="SocketException">With <see cref="SocketError.TooManyOpenSockets"/>.</exception>
    public static void Check(Socket socket)
    {
        if ((long)socket.Handle >= Volatile.Read(ref s_ceiling))
        {
            throw new SocketException((int)SocketError.TooManyOpenSockets);
        }
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
