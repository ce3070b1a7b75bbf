namespace Surge.Metrics;

/// <summary>What one series recorded over some span.</summary>
/// <param name="Series">The series.</param>
/// <param name="Values">Its values over the span.</param>
internal sealed record SeriesSample(Series Series, MetricAggregate Values);
