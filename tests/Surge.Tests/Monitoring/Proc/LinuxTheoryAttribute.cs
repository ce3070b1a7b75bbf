namespace Surge.Tests.Monitoring.Proc;

/// <summary>A theory that needs Linux, so is skipped on other systems.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux";
        }
    }
}
