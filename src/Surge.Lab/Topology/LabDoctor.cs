namespace Surge.Lab.Topology;

/// <summary>What the lab needs from this machine, and the one <c>apt-get</c> line that brings what is missing.</summary>
public static class LabDoctor
{
    /// <summary>Every check: the tool, the Debian package that brings it, the first stage that needs it, and whether it is here.</summary>
    public static IReadOnlyList<LabRequirement> Check()
    {
        return
        [
            new("PostgreSQL (initdb, postgres, pg_basebackup)", "postgresql", 1, Postgres.BinFolder() is { } bin && File.Exists(Path.Combine(bin, "pg_basebackup"))),
            new("nginx", "nginx", 3, File.Exists("/usr/sbin/nginx")),
            new("Redis (redis-server)", "redis-server", 8, OnPath("redis-server")),
            new("setsid and taskset", "util-linux", 1, OnPath("setsid") && OnPath("taskset")),
            new("setpriv (servers run as 'nobody' when the lab is started by root)", "util-linux", 1, !Environment.IsPrivilegedProcess || OnPath("setpriv")),
        ];
    }

    /// <summary>Why servers cannot be sized by cgroups on this machine (they are pinned to cores instead), or null when they can.</summary>
    public static string? WhySizesNotEnforced()
    {
        var why = ServerBox.WhyNoCgroups(ServerBox.DefaultParent);
        ServerBox.RemoveParent(ServerBox.DefaultParent);
        return why;
    }

    /// <summary>What stage <paramref name="stage"/> needs and this machine lacks.</summary>
    public static IReadOnlyList<LabRequirement> Missing(int stage) => Check().Where(r => !r.Present && r.FromStage <= stage).ToList();

    /// <summary>The one line that installs them.</summary>
    public static string InstallLine(IEnumerable<LabRequirement> missing) =>
        $"apt-get install -y {string.Join(' ', missing.Select(m => m.Package).Distinct())}";

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
}
