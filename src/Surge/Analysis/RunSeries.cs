using Surge.Metrics;
using Surge.Timeline;

namespace Surge.Analysis;

/// <summary>
/// The per-second series behind each figure of a run, from its timeline: what the significance test of
/// a comparison looks at (TPS of each second, that second's p95, its error rate, a target's CPU in it).
/// </summary>
/// <remarks>
/// Only seconds of load count: from the first second in which a request or an iteration was made to the
/// last, and only seconds of at least half a second (the run's last, cut-short second would read as a
/// drop in TPS). A second with no request has no latency value, not a latency of 0.
/// </remarks>
internal static class RunSeries
{
    private const double MinSecondLength = 0.5;

    /// <summary>Every figure's per-second values, keyed as <see cref="RunFigures"/> keys its figures.</summary>
    public static IReadOnlyDictionary<FigureKey, IReadOnlyList<double>> Of(RunTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var series = new Dictionary<FigureKey, List<double>>();
        void Add(FigureKey key, double value)
        {
            if (!series.TryGetValue(key, out var values))
            {
                series[key] = values = [];
            }

            values.Add(value);
        }

        foreach (var second in LoadSeconds(timeline))
        {
            var length = second.Length.TotalSeconds;
            AddLoad(FigureKey.Load, second.Series, length, Add, withAllStats: true);
            foreach (var endpoint in second.Series.Where(s => s.Series.Tags["method"] is not null && s.Series.Tags["name"] is not null)
                .GroupBy(s => FigureKey.Endpoint(s.Series.Tags["method"]!, s.Series.Tags["name"]!)))
            {
                AddLoad(endpoint.Key, [.. endpoint], length, Add, withAllStats: false);
            }

            foreach (var scenario in second.Series.Where(s => s.Series.Tags["scenario"] is not null).GroupBy(s => FigureKey.Scenario(s.Series.Tags["scenario"]!)))
            {
                Add(new(scenario.Key, "iterations/s"), scenario.Where(s => s.Series.Metric.Name == "iterations").Sum(s => s.Sum) / length);
                Add(new(scenario.Key, "dropped/s"), scenario.Where(s => s.Series.Metric.Name == "dropped_iterations").Sum(s => s.Sum) / length);
            }

            foreach (var sample in second.Resources)
            {
                var group = FigureKey.Target(sample.Target);
                if (sample.CpuPercent is { } cpu)
                {
                    Add(new(group, "CPU avg"), cpu);
                    Add(new(group, "CPU peak"), cpu);
                }

                if (sample.MemoryUsedBytes is { } memory)
                {
                    Add(new(group, "memory avg"), memory);
                    Add(new(group, "memory peak"), memory);
                }
            }
        }

        return series.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value);
    }

    private static IEnumerable<TimelineSecond> LoadSeconds(RunTimeline timeline)
    {
        static bool Loaded(TimelineSecond s) => s.Sum("http_reqs") > 0 || s.Sum("iterations") > 0 || s.Sum("dropped_iterations") > 0;
        var seconds = timeline.Seconds;
        var first = seconds.ToList().FindIndex(Loaded);
        var last = seconds.ToList().FindLastIndex(Loaded);
        return first < 0 ? [] : seconds.Skip(first).Take(last - first + 1).Where(s => s.Length.TotalSeconds >= MinSecondLength);
    }

    private static void AddLoad(string group, IReadOnlyCollection<SeriesSecond> series, double length, Action<FigureKey, double> add, bool withAllStats)
    {
        var responses = series.Where(s => s.Series.Metric.Name == "http_reqs" && s.Series.Tags["error"] is null).Sum(s => s.Sum);
        var requests = series.Where(s => s.Series.Metric.Name == "http_reqs").Sum(s => s.Sum);
        if (requests == 0 && group != FigureKey.Load)
        {
            return; // an endpoint not called in this second
        }

        add(new(group, "TPS"), responses / length);
        var durations = series.Where(s => s.Series.Metric.Name == "http_req_duration").ToList();
        if (durations.Count > 0)
        {
            var merged = MetricAggregate.Create(MetricType.Trend);
            durations.ForEach(d => merged.Add(d.ToAggregate()));
            add(new(group, "avg"), merged.MeanMicros / 1000);
            add(new(group, "p95"), merged.PercentileMicros(95) / 1000);
            add(new(group, "p99"), merged.PercentileMicros(99) / 1000);
            if (withAllStats)
            {
                add(new(group, "p50"), merged.PercentileMicros(50) / 1000);
                add(new(group, "p90"), merged.PercentileMicros(90) / 1000);
                add(new(group, "max"), merged.Max / 1000);
            }
        }

        var failed = series.Where(s => s.Series.Metric.Name == "http_req_failed").ToList();
        var checkedCount = failed.Sum(s => s.Count);
        if (checkedCount > 0)
        {
            add(new(group, "errors"), (double)failed.Sum(s => s.Trues) / checkedCount * 100);
        }
    }
}
