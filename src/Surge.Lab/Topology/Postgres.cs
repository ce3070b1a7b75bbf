namespace Surge.Lab.Topology;

/// <summary>Where Debian keeps PostgreSQL's server programs (<c>/usr/lib/postgresql/VERSION/bin</c>, not on PATH).</summary>
internal static class Postgres
{
    /// <summary>The folder of the newest installed version's programs, or null when none is installed.</summary>
    public static string? BinFolder() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Folder, "postgres")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Folder)
            .FirstOrDefault()
        : null;

    /// <summary>The full path of one of the server programs (initdb, postgres, pg_basebackup).</summary>
    public static string Tool(string name) => Path.Combine(BinFolder() ?? throw new LabException("PostgreSQL is not installed; install with: apt-get install -y postgresql"), name);
}
