using Surge.Lab.Topology;

namespace Surge.Lab.Tests.Support;

/// <summary>A theory that brings up lab servers: skipped, with the apt-get line, where the machine lacks what the stages need.</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "the lab runs on Linux";
        }
        else if (LabDoctor.Missing(8) is { Count: > 0 } missing)
        {
            Skip = $"the lab needs {string.Join(", ", missing.Select(m => m.Tool))}: {LabDoctor.InstallLine(missing)}";
        }
    }
}
