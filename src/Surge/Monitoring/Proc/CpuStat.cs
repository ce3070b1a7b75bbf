namespace Surge.Monitoring.Proc;

/// <summary>The CPU lines of <c>/proc/stat</c>.</summary>
/// <param name="All">The <c>cpu</c> line: all cores together.</param>
/// <param name="Cores">The <c>cpuN</c> lines, in file order (offline cores are missing).</param>
internal sealed record CpuStat(CpuTimes All, IReadOnlyList<CpuTimes> Cores);
