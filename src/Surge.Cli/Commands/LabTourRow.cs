using Surge.Analysis.FindMax;
using Surge.Outcome;

namespace Surge.Cli.Commands;

/// <summary>One stage of the lab's tour, as measured.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Topology">Its servers in a few words.</param>
/// <param name="MaxTps">The highest TPS that met the goals, or null when no step did.</param>
/// <param name="P95Ms">The p95 at that rate.</param>
/// <param name="Bottleneck">The server the diagnosis named, or null when it named none.</param>
/// <param name="Role">That server's role.</param>
/// <param name="NextStep">The first next step the diagnosis proposed.</param>
/// <param name="Gain">The gain of the maximum over the previous stage's (0.25: 25 % more), or null.</param>
/// <param name="Search">The stage's find-max search, steps and all (for the report).</param>
/// <param name="Target">What the search loaded.</param>
internal sealed record LabTourRow(
    int Stage, string Topology, double? MaxTps, double? P95Ms, string? Bottleneck, TargetRole? Role, string? NextStep, double? Gain, FindMaxResult Search, string Target);
