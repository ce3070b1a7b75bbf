namespace Surge.Lab.Topology;

/// <summary>A lab that is up (or was, and was not brought down), as its state file tells it.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="FrontDoor">The URL users reach.</param>
/// <param name="OwnerPid">The process that brought it up.</param>
/// <param name="OwnerAlive">Whether that process still runs (false: the lab was killed; <c>surge lab down</c> cleans up).</param>
/// <param name="Started">When it was brought up.</param>
/// <param name="Servers">Its servers.</param>
public sealed record LabStatus(int Stage, string FrontDoor, int OwnerPid, bool OwnerAlive, DateTimeOffset Started, IReadOnlyList<LabStatus.Server> Servers)
{
    /// <summary>A server of the lab and its processes.</summary>
    /// <param name="Name">Its name.</param>
    /// <param name="Address">Its loopback address.</param>
    /// <param name="Size">Its size.</param>
    /// <param name="Parts">What runs on it.</param>
    /// <param name="Monitor">The cgroup to monitor, or null.</param>
    /// <param name="Processes">Its processes and whether each runs.</param>
    public sealed record Server(string Name, string Address, string Size, string Parts, string? Monitor, IReadOnlyList<(PartKind Part, int Pid, bool Running)> Processes);
}
