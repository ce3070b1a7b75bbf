namespace Surge.Lab.Topology;

/// <summary>Something the lab needs from this machine.</summary>
/// <param name="Tool">What it is.</param>
/// <param name="Package">The Debian package that brings it.</param>
/// <param name="FromStage">The first stage that needs it.</param>
/// <param name="Present">Whether this machine has it.</param>
public sealed record LabRequirement(string Tool, string Package, int FromStage, bool Present);
