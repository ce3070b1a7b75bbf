using Surge.Metrics;
using Surge.Timeline;

namespace Surge.Distributed;

/// <summary>
/// One second of a test run by several generators: each series' values added up exactly (counts and
/// sums summed, HDR histograms added), so percentiles of the merged second are those of one histogram
/// of every sample. Series are matched by identity: the generators' seconds must be read (or received)
/// into one <see cref="MetricRegistry"/>.
/// </summary>
internal static class SecondMerge
{
    /// <summary>Merges the seconds the generators measured in the same second of the test.</summary>
    /// <remarks>
    /// Gauges (<c>vus</c>, <c>vus_max</c>) are summed, as the generators' VUs add up to the test's;
    /// their min and max are the sums of the generators' (a bound: the generators' extremes need not meet).
    /// </remarks>
    public static TimelineSecond Merge(IReadOnlyList<TimelineSecond> parts) => Merge(parts, out _);

    /// <summary>Merges the seconds as <see cref="Merge(IReadOnlyList{TimelineSecond})"/>; <paramref name="totals"/> holds each merged series' values, decoded.</summary>
    public static TimelineSecond Merge(IReadOnlyList<TimelineSecond> parts, out IReadOnlyList<SeriesSample> totals)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            totals = [.. parts[0].Series.Select(s => new SeriesSample(s.Series, s.ToAggregate()))];
            return parts[0];
        }

        // Each series is decoded once, from its first part; the others' histograms are added into it as they are.
        var merged = new Dictionary<Series, MetricAggregate>();
        var order = new List<Series>();
        foreach (var series in parts.SelectMany(p => p.Series))
        {
            if (!merged.TryGetValue(series.Series, out var total))
            {
                merged.Add(series.Series, series.ToAggregate());
                order.Add(series.Series);
            }
            else if (total.Type == MetricType.Gauge)
            {
                total.Restore(total.Count + series.Count, total.Sum + series.Sum, 0, total.Min + series.Min, total.Max + series.Max, total.Value + series.Value);
            }
            else
            {
                series.AddTo(total);
            }
        }

        totals = [.. order.Select(s => new SeriesSample(s, merged[s]))];
        return new TimelineSecond(
            parts.Min(p => p.Time),
            parts.Max(p => p.Elapsed),
            parts.Max(p => p.Length),
            [.. order.Select(s => SeriesSecond.Of(s, merged[s]))],
            [.. parts.SelectMany(p => p.Resources)],
            [.. parts.SelectMany(p => p.Events).OrderBy(e => e.Elapsed)]);
    }
}
