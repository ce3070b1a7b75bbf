using System.Globalization;
using System.Diagnostics;

namespace Surge.Lab.Topology;

/// <summary>Signals and identities of processes by id: what stopping the lab's processes (and orphans of a killed lab) needs.</summary>
internal static class UnixProcesses
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>
    /// The process's start time in clock ticks since boot (field 22 of <c>/proc/PID/stat</c>), or null when it is
    /// gone: with the id it names one process, so a recycled id is never taken for a lab process.
    /// </summary>
    public static long? StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>True when the process with this id and start time still runs.</summary>
    public static bool IsAlive(int pid, long startTicks) => StartTicks(pid) == startTicks;

    /// <summary>Sends <paramref name="signal"/> with <c>kill</c> (no unsafe code for a few signals a lab's life); false when there is no such process.</summary>
    public static bool Signal(int pid, int signal)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add($"-{signal.ToString(CultureInfo.InvariantCulture)}");
        info.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(info)!;
        kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }

    /// <summary>Asks the process to stop with <paramref name="signal"/>, then kills it if it still runs after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, long startTicks, int signal, TimeSpan grace)
    {
        if (!IsAlive(pid, startTicks))
        {
            return;
        }

        Signal(pid, signal);
        for (var waited = TimeSpan.Zero; waited < grace; waited += TimeSpan.FromMilliseconds(50))
        {
            if (!IsAlive(pid, startTicks))
            {
                return;
            }

            await Task.Delay(50);
        }

        if (IsAlive(pid, startTicks))
        {
            Signal(pid, SigKill);
        }
    }
}
