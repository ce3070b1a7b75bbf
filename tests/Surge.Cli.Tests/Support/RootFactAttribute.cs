namespace Surge.Cli.Tests.Support;

/// <summary>
/// A fact that mounts its own small file system (tmpfs) or changes limits only root may: skipped elsewhere.
/// CI runs as root, so there it always runs.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !IsRoot())
        {
            Skip = "needs root on Linux (mounts a small tmpfs); CI runs it as root";
        }
    }

    private static bool IsRoot() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            ?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
}
