using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Creates the monitors that read this Linux host's <c>/proc</c> from a <c>--monitor</c> source.</summary>
internal static class ProcMonitors
{
    private const string ProcessPrefix = "process:";
    private const string PidPrefix = "pid:";

    /// <summary>
    /// Creates the monitor for <c>local</c> (this host), <c>process:NAME</c> (every process of that name) or
    /// <c>pid:N</c> (one process).
    /// </summary>
    /// <param name="source">The source as the user wrote it.</param>
    /// <param name="label">The label its samples carry; null or empty for the default (<c>local</c>, NAME, <c>pid N</c>).</param>
    /// <param name="monitor">The monitor, when the source is valid.</param>
    /// <param name="error">Why the source is not valid, in one line, otherwise.</param>
    /// <returns>True when <paramref name="monitor"/> was created.</returns>
    public static bool TryCreate(
        string source,
        string? label,
        [NotNullWhen(true)] out IMonitor? monitor,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        monitor = null;
        error = Validate(source, out var name, out var pid);
        if (error is not null)
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            error = $"'{source}' reads /proc, which only Linux has; use a surge agent or node_exporter on this host instead";
            return false;
        }

        label = string.IsNullOrWhiteSpace(label) ? null : label;
        monitor = source == "local" ? new LocalHostMonitor(label ?? "local")
            : name is not null ? new ProcessMonitor(name, label)
            : new ProcessMonitor(pid, label);
        return true;
    }

    private static string? Validate(string source, out string? name, out int pid)
    {
        name = null;
        pid = 0;
        if (source == "local")
        {
            return null;
        }

        if (source.StartsWith(ProcessPrefix, StringComparison.Ordinal))
        {
            name = source[ProcessPrefix.Length..];
            return string.IsNullOrWhiteSpace(name) ? $"'{source}' names no process; write e.g. process:postgres" : null;
        }

        if (source.StartsWith(PidPrefix, StringComparison.Ordinal))
        {
            var number = source[PidPrefix.Length..];
            return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out pid) && pid > 0
                ? null
                : $"'{number}' in '{source}' is not a process id; write e.g. pid:1234";
        }

        return $"unknown monitor source '{source}'; use local, process:NAME, pid:N or cgroup:PATH";
    }
}
