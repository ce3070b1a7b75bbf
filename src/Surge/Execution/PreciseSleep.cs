using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Surge.Execution;

/// <summary>
/// Sleeps for less than a millisecond: <c>nanosleep</c> from the C library, which the runtime's sleeps
/// (whole milliseconds) cannot do. Measured on the development machine, it wakes about 0.12 ms late.
/// </summary>
internal static class PreciseSleep
{
    /// <summary>Whether <see cref="Sleep"/> is available: 64-bit Linux and macOS, where <c>timespec</c> is two 64-bit fields.</summary>
    public static bool IsSupported { get; } = (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Environment.Is64BitProcess;

    /// <summary>Sleeps at least <paramref name="stopwatchTicks"/>; a sleep a signal cuts short goes on for the rest.</summary>
    public static void Sleep(long stopwatchTicks)
    {
        var end = Stopwatch.GetTimestamp() + stopwatchTicks;
        for (var left = stopwatchTicks; left > 0; left = end - Stopwatch.GetTimestamp())
        {
            var nanoseconds = (long)Math.Ceiling(left * (1_000_000_000.0 / Stopwatch.Frequency));
            var request = new TimeSpec
            {
                Seconds = (nint)(nanoseconds / 1_000_000_000),
                Nanoseconds = (nint)(nanoseconds % 1_000_000_000),
            };
            _ = NativeMethods.NanoSleep(ref request, IntPtr.Zero);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "nanosleep")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);
    }
}
