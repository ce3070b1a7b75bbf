using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Surge.Lab.Topology;

/// <summary>Starting the lab's processes: in their own session, with their output in a log file.</summary>
internal static class LabProcess
{
    /// <summary>
    /// Starts <paramref name="command"/> in a session of its own (Ctrl+C in the terminal reaches the lab, which
    /// stops its servers in order, not every server at once) with stdout and stderr appended to <paramref name="log"/>.
    /// </summary>
    /// <returns>The process id (the command's own: <c>setsid</c>, the shell and <c>setpriv</c> each replace themselves).</returns>
    public static int Start(IReadOnlyList<string> command, string log, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"exec \"$0\" \"$@\" >>'{log}' 2>&1 </dev/null");
        foreach (var part in command)
        {
            info.ArgumentList.Add(part);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new LabException($"could not start {command[0]}");
        return process.Id;
    }

    /// <summary>
    /// Runs a short command to its end with its output appended to <paramref name="log"/>; a failure is a
    /// <see cref="LabException"/> with the log's last line. The output goes to the file, not to pipes this process
    /// reads: a program that forks (pg_basebackup streams WAL from a child) cannot keep a pipe open under us.
    /// </summary>
    public static async Task RunToEndAsync(IReadOnlyList<string> command, string log, string what, CancellationToken ct)
    {
        var info = new ProcessStartInfo("sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"exec \"$0\" \"$@\" >>'{log}' 2>&1 </dev/null");
        foreach (var part in command)
        {
            info.ArgumentList.Add(part);
        }

        using var process = Process.Start(info) ?? throw new LabException($"could not start {command[0]}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw ct.IsCancellationRequested ? new OperationCanceledException(ct) : new LabException($"{what} did not finish within 5 minutes (log: {log})");
        }

        if (process.ExitCode != 0)
        {
            throw new LabException($"{what} failed: {LastLine(log)} (log: {log})");
        }
    }

    /// <summary>Waits until something accepts connections on the endpoint; fails with the log's last line if the process ends first.</summary>
    public static async Task WaitListeningAsync(IPEndPoint endpoint, int pid, long startTicks, string what, string log, TimeSpan limit, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
            {
                try
                {
                    await socket.ConnectAsync(endpoint, ct);
                    return;
                }
                catch (SocketException)
                {
                    // Not listening yet.
                }
            }

            if (!UnixProcesses.IsAlive(pid, startTicks))
            {
                throw new LabException($"{what} did not start: {LastLine(log)} (log: {log})");
            }

            if (Stopwatch.GetElapsedTime(start) > limit)
            {
                throw new LabException($"{what} did not listen on {endpoint} within {limit.TotalSeconds:0} s: {LastLine(log)} (log: {log})");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>The last non-empty line of a log, or a note that it has none.</summary>
    public static string LastLine(string log) =>
        (File.Exists(log) ? File.ReadLines(log).LastOrDefault(l => l.Trim().Length > 0)?.Trim() : null) ?? "it wrote nothing";
}
