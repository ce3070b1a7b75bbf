namespace Surge.IntegrationTests.Support;

/// <summary>A fact that makes a real cgroup: skipped, with the reason, where that cannot be done (not Linux, not root, cgroups read-only).</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute()
    {
        if (TestCgroup.WhyNot() is { } reason)
        {
            Skip = $"makes a real cgroup: {reason}";
        }
    }
}
