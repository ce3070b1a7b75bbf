namespace Surge.Outcome;

/// <summary>The load a run put on, as the diagnosis saw it: what it says when nothing else holds.</summary>
/// <param name="OpenModel">True when the load is an arrival rate, false for VUs.</param>
/// <param name="PeakLoad">The most VUs, or offered iterations per second, in a second.</param>
/// <param name="PeakTps">The highest TPS of a second.</param>
/// <param name="Seconds">Seconds with load.</param>
internal sealed record LoadFacts(bool OpenModel, double PeakLoad, double PeakTps, int Seconds);
