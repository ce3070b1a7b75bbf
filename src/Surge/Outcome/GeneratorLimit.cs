namespace Surge.Outcome;

/// <summary>The load generator was the limit: how busy it was and how late its timers fired.</summary>
/// <param name="PeakCpuPercent">Its busiest second's CPU, % of all cores.</param>
/// <param name="MaxLagMs">The most its 100 ms watch tick fired late.</param>
/// <param name="LimitedSeconds">How long it limited the results.</param>
internal sealed record GeneratorLimit(double PeakCpuPercent, double MaxLagMs, double LimitedSeconds);
