using System.Diagnostics.CodeAnalysis;

namespace Surge.Monitoring.Cgroups;

/// <summary>Creates the monitor of a control group from a <c>--monitor cgroup:PATH</c> source.</summary>
internal static class CgroupMonitors
{
    /// <summary>What a cgroup source starts with.</summary>
    public const string Prefix = "cgroup:";

    /// <summary>Where Linux mounts cgroups.</summary>
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>True when the source names a cgroup.</summary>
    public static bool Handles(string source) => source.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Creates the monitor of <c>cgroup:PATH</c>, checking now that PATH is a group Surge can read, so a
    /// mistyped path is said before the test rather than as a notice during it.
    /// </summary>
    /// <param name="source">The source as the user wrote it.</param>
    /// <param name="label">The label its samples carry; null or empty for the group's last folder name.</param>
    /// <param name="monitor">The monitor, when the source is valid.</param>
    /// <param name="error">Why it is not, in one line, otherwise.</param>
    /// <param name="root">Where cgroups are mounted.</param>
    /// <param name="procRoot">Where procfs is mounted.</param>
    /// <param name="timeProvider">The clock that times the interval between samples.</param>
    /// <returns>True when <paramref name="monitor"/> was created.</returns>
    public static bool TryCreate(
        string source,
        string? label,
        [NotNullWhen(true)] out IMonitor? monitor,
        [NotNullWhen(false)] out string? error,
        string root = DefaultRoot,
        string procRoot = "/proc",
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        monitor = null;
        var path = Handles(source) ? source[Prefix.Length..].Trim() : "";
        if (path.Length == 0)
        {
            error = $"'{source}' names no cgroup; write e.g. cgroup:/sys/fs/cgroup/system.slice/nginx.service";
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            error = $"'{source}' reads {DefaultRoot}, which only Linux has; run Surge (or a surge agent) on that host";
            return false;
        }

        if (CgroupLayout.Resolve(path, root, out var problem) is not { } layout)
        {
            error = problem ?? $"'{path}' is not a cgroup";
            return false;
        }

        error = null;

        var name = layout.Group.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "cgroup";
        monitor = new CgroupMonitor(layout, string.IsNullOrWhiteSpace(label) ? name : label, source, procRoot, timeProvider);
        return true;
    }
}
