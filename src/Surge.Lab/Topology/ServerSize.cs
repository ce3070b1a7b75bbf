using System.Globalization;

namespace Surge.Lab.Topology;

/// <summary>A server's instance size: its share of CPU time and its memory, enforced by a cgroup.</summary>
/// <param name="Cores">CPU time, in cores (0.5: half of one core's time each period).</param>
/// <param name="MemoryMiB">The memory limit in MiB.</param>
public sealed record ServerSize(double Cores, int MemoryMiB)
{
    /// <summary>An app server, the load balancer, the static server, the CDN edge: half a core, 512 MiB.</summary>
    public static readonly ServerSize Small = new(0.5, 512);

    /// <summary>The database servers and the one server of stage 1: half a core, 1 GiB.</summary>
    public static readonly ServerSize SmallDatabase = new(0.5, 1024);

    /// <summary>What <c>--scale-up</c> gives: twice the CPU and twice the memory.</summary>
    public ServerSize ScaledUp() => new(Cores * 2, MemoryMiB * 2);

    /// <inheritdoc />
    public override string ToString() => $"{Cores.ToString("0.##", CultureInfo.InvariantCulture)} core, {MemoryMiB} MiB";
}
