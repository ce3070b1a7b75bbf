namespace Surge.Monitoring.Cgroups;

/// <summary>
/// Where one control group's files are: one folder under cgroup v2's single hierarchy, or one folder per
/// controller under cgroup v1's separate ones (<c>cpu</c>, <c>cpuacct</c>, <c>memory</c>, <c>cpuset</c>,
/// alone or co-mounted as <c>cpu,cpuacct</c>).
/// </summary>
/// <param name="Version">1 or 2.</param>
/// <param name="Group">The group's path inside its hierarchy, as <c>/proc/PID/cgroup</c> shows it: <c>/</c>, <c>/docker/3f2a…</c>.</param>
/// <param name="Cpu">The hierarchy that holds the CPU quota and throttling (v1 <c>cpu</c>), if mounted.</param>
/// <param name="CpuAccounting">The hierarchy that counts CPU time (v1 <c>cpuacct</c>; v2 the unified one).</param>
/// <param name="Memory">The hierarchy of the memory controller.</param>
/// <param name="Cpuset">The hierarchy of the cpuset controller, if mounted.</param>
internal sealed record CgroupLayout(int Version, string Group, string? Cpu, string CpuAccounting, string Memory, string? Cpuset)
{
    /// <summary>The group's folder in a hierarchy.</summary>
    public string In(string hierarchy) => Group == "/" ? hierarchy : hierarchy + Group;

    /// <summary>The group's folder in a hierarchy, then its parents' up to the hierarchy's root: limits are the tightest of them.</summary>
    public IEnumerable<string> WithParents(string hierarchy)
    {
        var group = Group;
        while (true)
        {
            yield return group == "/" ? hierarchy : hierarchy + group;
            if (group == "/")
            {
                yield break;
            }

            var slash = group.LastIndexOf('/');
            group = slash <= 0 ? "/" : group[..slash];
        }
    }

    /// <summary>
    /// Finds a group's folders from a path as the user gave it: absolute under <paramref name="root"/>
    /// (<c>/sys/fs/cgroup/system.slice/nginx.service</c>, or on v1 one controller's copy,
    /// <c>/sys/fs/cgroup/cpu/docker/ID</c>), or the group's path inside the hierarchy (<c>system.slice/nginx.service</c>,
    /// <c>/docker/ID</c>).
    /// </summary>
    /// <param name="path">The path.</param>
    /// <param name="root">Where cgroups are mounted, <c>/sys/fs/cgroup</c>.</param>
    /// <param name="error">Why it is not a group Surge can watch, in one line.</param>
    /// <returns>The layout, or null with <paramref name="error"/>.</returns>
    public static CgroupLayout? Resolve(string path, string root, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        root = root.Length > 1 ? root.TrimEnd('/') : root;
        error = null;
        if (!Directory.Exists(root))
        {
            error = $"{root} does not exist: no cgroups are mounted there (cgroups are Linux's)";
            return null;
        }

        var inside = path == root || path.StartsWith(root + "/", StringComparison.Ordinal) ? path[root.Length..] : path;
        var segments = inside.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Any(s => s is "." or ".."))
        {
            error = $"'{path}' has . or .. in it; give the group's folder plainly, e.g. /sys/fs/cgroup/system.slice/nginx.service";
            return null;
        }

        if (IsUnified(root))
        {
            return Unified(path, root, segments, out error);
        }

        var hierarchies = Hierarchies(root);
        if (segments.Count > 0 && IsHierarchy(Path.Combine(root, segments[0])))
        {
            // A v1 controller's copy of the group (/sys/fs/cgroup/memory/docker/ID), or a hybrid system's
            // v2 tree (/sys/fs/cgroup/unified/...): the first folder names the hierarchy, not the group.
            var hierarchy = Path.Combine(root, segments[0]);
            segments.RemoveAt(0);
            if (IsUnified(hierarchy))
            {
                return Unified(path, hierarchy, segments, out error);
            }
        }

        if (hierarchies.Count == 0)
        {
            error = $"{root} holds no cgroup hierarchy (neither cgroup.controllers of v2 nor the cpu and memory folders of v1)";
            return null;
        }

        return V1(path, root, hierarchies, "/" + string.Join('/', segments), out error);
    }

    private static bool IsUnified(string folder) => File.Exists(Path.Combine(folder, "cgroup.controllers"));

    /// <summary>A cgroup file system is mounted on the folder: every group, its root too, has cgroup.procs.</summary>
    private static bool IsHierarchy(string folder) => File.Exists(Path.Combine(folder, "cgroup.procs"));

    private static CgroupLayout? Unified(string path, string hierarchy, List<string> segments, out string? error)
    {
        var layout = new CgroupLayout(2, "/" + string.Join('/', segments), null, hierarchy, hierarchy, hierarchy);
        var folder = layout.In(hierarchy);
        error = !Directory.Exists(folder) ? $"'{path}' is not a cgroup: {folder} does not exist"
            : !File.Exists(Path.Combine(folder, "cgroup.procs")) ? $"'{path}' is not a cgroup directory: {folder} has no cgroup.procs"
            : layout.Group == "/" ? $"'{path}' is the root cgroup, the whole host: watch it with local"
            : !File.Exists(Path.Combine(folder, "memory.current"))
                ? $"the memory controller is not enabled for {folder} (it has no memory.current); enable it in its parent's cgroup.subtree_control"
            : null;
        return error is null ? layout : null;
    }

    private static CgroupLayout? V1(string path, string root, Dictionary<string, string> hierarchies, string group, out string? error)
    {
        if (group == "/")
        {
            error = $"'{path}' is the root cgroup, the whole host: watch it with local";
            return null;
        }

        string? Find(string controller, bool required, ref string? problem)
        {
            if (!hierarchies.TryGetValue(controller, out var hierarchy))
            {
                problem ??= required ? $"the {controller} controller is not mounted under {root}, so '{path}' cannot be watched" : null;
                return null;
            }

            var folder = group == "/" ? hierarchy : hierarchy + group;
            if (Directory.Exists(folder))
            {
                return hierarchy;
            }

            problem ??= required ? $"'{path}' is not a cgroup in the {controller} controller: {folder} does not exist" : null;
            return null;
        }

        error = null;
        var accounting = Find("cpuacct", required: true, ref error);
        var memory = Find("memory", required: true, ref error);
        var cpu = Find("cpu", required: false, ref error);
        var cpuset = Find("cpuset", required: false, ref error);
        if (error is not null)
        {
            return null;
        }

        var layout = new CgroupLayout(1, group, cpu, accounting!, memory!, cpuset);
        var procs = Path.Combine(layout.In(layout.CpuAccounting), "cgroup.procs");
        error = File.Exists(procs) ? null : $"'{path}' is not a cgroup directory: {layout.In(layout.CpuAccounting)} has no cgroup.procs";
        return error is null ? layout : null;
    }

    /// <summary>v1 controllers by name, each to the folder it is mounted on (<c>cpu</c> and <c>cpuacct</c> may share <c>cpu,cpuacct</c>).</summary>
    private static Dictionary<string, string> Hierarchies(string root)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(root).Where(IsHierarchy).Order(StringComparer.Ordinal))
        {
            foreach (var controller in Path.GetFileName(folder).Split(','))
            {
                found.TryAdd(controller, folder);
            }
        }

        return found;
    }
}
