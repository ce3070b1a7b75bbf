using Surge.Metrics;

namespace Surge.Outcome;

/// <summary>One group of the script, over the whole run.</summary>
/// <param name="Path">The group's path, e.g. <c>::checkout::pay</c>.</param>
/// <param name="Duration">Its <c>group_duration</c> values (a trend in micro-units).</param>
internal sealed record GroupRow(string Path, MetricAggregate Duration);
