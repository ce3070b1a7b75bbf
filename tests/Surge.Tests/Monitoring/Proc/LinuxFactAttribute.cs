namespace Surge.Tests.Monitoring.Proc;

/// <summary>A fact that reads the real /proc, so is skipped on systems other than Linux.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "reads the real /proc, which only Linux has";
        }
    }
}
