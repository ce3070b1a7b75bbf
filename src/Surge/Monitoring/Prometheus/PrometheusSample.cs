namespace Surge.Monitoring.Prometheus;

/// <summary>One line of Prometheus text: a metric name, its labels and its value.</summary>
/// <param name="Name">The metric name, e.g. <c>node_cpu_seconds_total</c>.</param>
/// <param name="Labels">The labels, e.g. <c>cpu=0</c>, <c>mode=idle</c>; empty when the line has none.</param>
/// <param name="Value">The value; may be NaN or ±infinity.</param>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
