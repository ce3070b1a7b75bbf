using System.Globalization;
using Surge.Configuration;

namespace Surge.Metrics;

/// <summary>The trend statistics shown for every trend metric (k6's <c>summaryTrendStats</c>).</summary>
internal static class TrendStats
{
    /// <summary>k6's default list plus p(99), since latency goals are usually set on it.</summary>
    public static readonly IReadOnlyList<string> Default = ["avg", "min", "med", "max", "p(90)", "p(95)", "p(99)"];

    /// <summary>Parses a comma-separated list such as <c>avg,min,med,max,p(90),p(99.9),count</c>.</summary>
    /// <exception cref="ConfigException">A stat is not avg, min, med, max, count or p(N) with N in 0–100.</exception>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stats = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var stat in stats)
        {
            if (stat is not ("avg" or "min" or "med" or "max" or "count") && Percentile(stat) is null)
            {
                throw new ConfigException($"'{stat}' in --summary-trend-stats is not a trend stat; use avg, min, med, max, count or p(N) with N from 0 to 100");
            }
        }

        return stats.Length > 0 ? stats : throw new ConfigException("--summary-trend-stats is empty; e.g. avg,min,med,max,p(90),p(95)");
    }

    /// <summary>The value of one stat in the metric's unit (ms for time trends); count is a number.</summary>
    public static double Value(MetricAggregate values, string stat)
    {
        ArgumentNullException.ThrowIfNull(values);
        return stat switch
        {
            "avg" => values.MeanMicros / 1000,
            "min" => values.IsEmpty ? 0 : values.Min / 1000,
            "max" => values.IsEmpty ? 0 : values.Max / 1000,
            "med" => values.PercentileMicros(50) / 1000,
            "count" => values.Count,
            _ => values.PercentileMicros(Percentile(stat) ?? 0) / 1000,
        };
    }

    private static double? Percentile(string stat) =>
        stat.StartsWith("p(", StringComparison.Ordinal) && stat.EndsWith(')')
        && double.TryParse(stat[2..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100
            ? p
            : null;
}
