namespace Surge.Outcome;

/// <summary>The resource of a target that reached its limit.</summary>
internal enum LimitedResource
{
    /// <summary>CPU at ~all of the cores the target can use.</summary>
    Cpu,

    /// <summary>Memory in use near the total.</summary>
    Memory,

    /// <summary>Swap in use kept growing.</summary>
    Swap,

    /// <summary>Network traffic near a standard link speed.</summary>
    Network,

    /// <summary>TCP connections (TIME_WAIT and open) near the ephemeral port range.</summary>
    Ports,

    /// <summary>A disk busy doing I/O nearly all of the time.</summary>
    Disk,

    /// <summary>Open file descriptors near the process's limit.</summary>
    Descriptors,
}
