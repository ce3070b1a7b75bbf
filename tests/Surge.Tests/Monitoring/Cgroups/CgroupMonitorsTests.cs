using Surge.Monitoring.Cgroups;
using Surge.Tests.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Cgroups;

/// <summary><c>cgroup:PATH</c> sources; Linux only, as the factory refuses cgroups elsewhere.</summary>
public sealed class CgroupMonitorsTests
{
    [LinuxTheory]
    [InlineData(null, "web.service")]
    [InlineData("", "web.service")]
    [InlineData("web", "web")]
    public void TryCreate_AGroup_IsLabelledByItsLastFolderUnlessNamed(string? label, string expected)
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("system.slice/web.service");

        Assert.True(CgroupMonitors.TryCreate("cgroup:system.slice/web.service", label, out var monitor, out var error, tree.Root, tree.ProcRoot));

        using (monitor)
        {
            Assert.Null(error);
            Assert.Equal(expected, monitor.Label);
            Assert.Equal("cgroup:system.slice/web.service", monitor.Source);
        }
    }

    [LinuxTheory]
    [InlineData("cgroup:", "'cgroup:' names no cgroup; write e.g. cgroup:/sys/fs/cgroup/system.slice/nginx.service")]
    [InlineData("cgroup:  ", "'cgroup:  ' names no cgroup; write e.g. cgroup:/sys/fs/cgroup/system.slice/nginx.service")]
    [InlineData("cgroup:nope", "'nope' is not a cgroup: {root}/nope does not exist")]
    public void TryCreate_BadPath_OneLine(string source, string expected)
    {
        using var tree = FakeCgroupTree.V2();

        Assert.False(CgroupMonitors.TryCreate(source, null, out var monitor, out var error, tree.Root, tree.ProcRoot));

        Assert.Null(monitor);
        Assert.Equal(expected.Replace("{root}", tree.Root, StringComparison.Ordinal), error);
    }
}
