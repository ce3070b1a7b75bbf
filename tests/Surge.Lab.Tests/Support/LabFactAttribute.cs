using Surge.Lab.Topology;

namespace Surge.Lab.Tests.Support;

/// <summary>A fact that brings up lab servers: skipped, with the apt-get line, where the machine lacks what the stage needs.</summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute(int stage = 8)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "the lab runs on Linux";
        }
        else if (LabDoctor.Missing(stage) is { Count: > 0 } missing)
        {
            Skip = $"the lab needs {string.Join(", ", missing.Select(m => m.Tool))}: {LabDoctor.InstallLine(missing)}";
        }
    }
}
