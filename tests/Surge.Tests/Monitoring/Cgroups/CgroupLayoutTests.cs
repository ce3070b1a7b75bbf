using Surge.Monitoring.Cgroups;

namespace Surge.Tests.Monitoring.Cgroups;

/// <summary>Finding a group's folders from the path a user gives, and saying plainly when it is not one.</summary>
public sealed class CgroupLayoutTests
{
    [Theory]
    [InlineData("{root}/system.slice/nginx.service")]
    [InlineData("{root}/system.slice/nginx.service/")]
    [InlineData("/system.slice/nginx.service")]
    [InlineData("system.slice/nginx.service")]
    public void V2_AbsoluteOrInsideTheHierarchy_IsTheSameGroup(string path)
    {
        using var tree = FakeCgroupTree.V2();
        tree.GroupV2("system.slice/nginx.service");

        var layout = CgroupLayout.Resolve(path.Replace("{root}", tree.Root, StringComparison.Ordinal), tree.Root, out var error);

        Assert.Null(error);
        Assert.Equal(2, layout!.Version);
        Assert.Equal("/system.slice/nginx.service", layout.Group);
        Assert.Equal(Path.Combine(tree.Root, "system.slice", "nginx.service"), layout.In(layout.Memory));
    }

    [Theory]
    [InlineData("{root}/cpu/docker/abc")]
    [InlineData("{root}/memory/docker/abc")]
    [InlineData("{root}/cpuacct/docker/abc")]
    [InlineData("/docker/abc")]
    [InlineData("docker/abc")]
    public void V1_AnyControllersCopyOrThePathInside_FindsEveryController(string path)
    {
        using var tree = FakeCgroupTree.V1();
        tree.GroupV1("docker/abc");

        var layout = CgroupLayout.Resolve(path.Replace("{root}", tree.Root, StringComparison.Ordinal), tree.Root, out var error);

        Assert.Null(error);
        Assert.Equal(1, layout!.Version);
        Assert.Equal("/docker/abc", layout.Group);
        Assert.Equal(Path.Combine(tree.Root, "cpuacct"), layout.CpuAccounting);
        Assert.Equal(Path.Combine(tree.Root, "cpu"), layout.Cpu);
        Assert.Equal(Path.Combine(tree.Root, "memory"), layout.Memory);
        Assert.Null(layout.Cpuset); // not mounted in this tree
    }

    [Fact]
    public void V1_CoMountedCpuAndCpuacct_ShareOneFolder()
    {
        using var tree = FakeCgroupTree.V1(coMounted: true);
        tree.GroupV1("docker/abc");

        var layout = CgroupLayout.Resolve($"{tree.Root}/cpu,cpuacct/docker/abc", tree.Root, out var error);

        Assert.Null(error);
        Assert.Equal(Path.Combine(tree.Root, "cpu,cpuacct"), layout!.Cpu);
        Assert.Equal(layout.Cpu, layout.CpuAccounting);
    }

    [Fact]
    public void Hybrid_TheUnifiedTree_IsReadAsV2()
    {
        using var tree = FakeCgroupTree.V1();
        tree.Write("unified", "cgroup.controllers", "");
        tree.Write("unified", "cgroup.procs", "1");
        tree.Write("unified/app", "cgroup.procs", "7");
        tree.Write("unified/app", "memory.current", "0");

        var layout = CgroupLayout.Resolve($"{tree.Root}/unified/app", tree.Root, out var error);

        Assert.Null(error);
        Assert.Equal(2, layout!.Version);
        Assert.Equal(Path.Combine(tree.Root, "unified", "app"), layout.In(layout.CpuAccounting));
    }

    [Theory]
    [InlineData(2, "nope", "'nope' is not a cgroup: {root}/nope does not exist")]
    [InlineData(2, "plain", "'plain' is not a cgroup directory: {root}/plain has no cgroup.procs")]
    [InlineData(2, "nomemory", "the memory controller is not enabled for {root}/nomemory (it has no memory.current); enable it in its parent's cgroup.subtree_control")]
    [InlineData(2, "/", "'/' is the root cgroup, the whole host: watch it with local")]
    [InlineData(2, "a/../b", "'a/../b' has . or .. in it; give the group's folder plainly, e.g. /sys/fs/cgroup/system.slice/nginx.service")]
    [InlineData(1, "nope", "'nope' is not a cgroup in the cpuacct controller: {root}/cpuacct/nope does not exist")]
    [InlineData(1, "onlycpu", "'onlycpu' is not a cgroup in the cpuacct controller: {root}/cpuacct/onlycpu does not exist")]
    [InlineData(1, "nomemory", "'nomemory' is not a cgroup in the memory controller: {root}/memory/nomemory does not exist")]
    [InlineData(1, "{root}", "'{root}' is the root cgroup, the whole host: watch it with local")]
    public void NotAGroupOrAControllerMissing_OneLineThatSaysWhich(int version, string path, string expected)
    {
        using var tree = version == 2 ? FakeCgroupTree.V2() : FakeCgroupTree.V1();
        if (version == 2)
        {
            Directory.CreateDirectory(Path.Combine(tree.Root, "plain"));
            tree.Write("nomemory", "cgroup.procs", "");
        }
        else
        {
            tree.Write("cpu/onlycpu", "cgroup.procs", "");
            tree.Write("cpu/nomemory", "cgroup.procs", "");
            tree.Write("cpuacct/nomemory", "cgroup.procs", "");
        }

        var layout = CgroupLayout.Resolve(path.Replace("{root}", tree.Root, StringComparison.Ordinal), tree.Root, out var error);

        Assert.Null(layout);
        Assert.Equal(expected.Replace("{root}", tree.Root, StringComparison.Ordinal), error);
    }

    [Fact]
    public void V1_MemoryControllerNotMounted_SaysSo()
    {
        using var tree = FakeCgroupTree.V1();
        tree.GroupV1("app");
        Directory.Delete(Path.Combine(tree.Root, "memory"), recursive: true);

        CgroupLayout.Resolve("app", tree.Root, out var error);

        Assert.Equal($"the memory controller is not mounted under {tree.Root}, so 'app' cannot be watched", error);
    }

    [Fact]
    public void NoCgroupsMountedThere_SaysSo()
    {
        using var tree = FakeCgroupTree.V2();
        var empty = Path.Combine(tree.ProcRoot, "empty");
        Directory.CreateDirectory(empty);

        CgroupLayout.Resolve("app", empty, out var error);
        CgroupLayout.Resolve("app", Path.Combine(tree.ProcRoot, "missing"), out var missing);

        Assert.StartsWith($"{empty} holds no cgroup hierarchy", error, StringComparison.Ordinal);
        Assert.StartsWith($"{Path.Combine(tree.ProcRoot, "missing")} does not exist", missing, StringComparison.Ordinal);
    }

    [Fact]
    public void WithParents_GoesUpToTheHierarchysRoot()
    {
        var layout = new CgroupLayout(2, "/kubepods/pod1/app", null, "/cg", "/cg", "/cg");

        Assert.Equal(["/cg/kubepods/pod1/app", "/cg/kubepods/pod1", "/cg/kubepods", "/cg"], layout.WithParents("/cg"));
    }
}
