namespace Surge.Metrics;

/// <summary>A metric a script declares: its name, type and what its values are; the engine registers it before the start.</summary>
/// <param name="Name">The metric's name.</param>
/// <param name="Type">Counter, gauge, rate or trend.</param>
/// <param name="Contains">Plain numbers, times or bytes.</param>
internal sealed record MetricDefinition(string Name, MetricType Type, MetricContains Contains);
