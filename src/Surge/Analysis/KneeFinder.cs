using Surge.Outcome;

namespace Surge.Analysis;

/// <summary>
/// Finds where TPS stopped following the load: a plateau while VUs or the offered rate kept rising and
/// latency climbed, or an open model that fell short of its rate and dropped iterations.
/// </summary>
internal static class KneeFinder
{
    /// <summary>The throughput limit of the run; null when TPS followed the load.</summary>
    public static ThroughputLimit? Find(LoadSeries load, IReadOnlyList<ScenarioSummary> scenarios) =>
        ShortOfRate(load, scenarios) ?? Plateau(load);

    /// <summary>Open model: the configured rate was not achieved and iterations were dropped.</summary>
    private static ThroughputLimit? ShortOfRate(LoadSeries load, IReadOnlyList<ScenarioSummary> scenarios)
    {
        var open = scenarios.Where(s => s.OpenModel && s.ConfiguredRate > 0).ToList();
        var target = open.Sum(s => s.ConfiguredRate);
        var achieved = open.Sum(s => s.AchievedRate);
        var dropped = open.Sum(s => s.DroppedIterations);
        if (open.Count == 0 || dropped == 0 || achieved >= DiagnosisThresholds.RateShortfall * target || load.Loaded.Count == 0)
        {
            return null;
        }

        var loaded = load.Loaded;
        var knee = loaded.FirstOrDefault(i => load.Dropped[i] > 0, loaded[0]);
        var after = loaded.Where(i => i >= knee).ToList();
        return new ThroughputLimit(
            OpenModel: true,
            load.StartOf(knee),
            load.Offered[knee],
            after.Max(i => load.Offered[i]),
            load.MeanTps(Around(loaded, knee)),
            load.MeanTps(after),
            load.P95Ms(Around(loaded, knee)),
            load.P95Ms(loaded.TakeLast(3)))
        {
            TargetRate = target,
            AchievedRate = achieved,
            Dropped = dropped,
        };
    }

    /// <summary>A plateau: TPS flat while the load rose by a fifth or more, and p95 climbed.</summary>
    private static ThroughputLimit? Plateau(LoadSeries load)
    {
        if (load.Loaded.Count < DiagnosisThresholds.FewestSeconds)
        {
            return null;
        }

        // Judge the rise only: a ramp-down after the peak is the test ending, not the system.
        var peak = load.Loaded.Max(i => load.Load(i));
        var rising = load.Loaded.Where(i => i <= load.Loaded.Last(j => load.Load(j) >= 0.98 * peak)).ToList();
        if (rising.Count < DiagnosisThresholds.FewestSeconds || peak <= 0)
        {
            return null;
        }

        var tail = rising.TakeLast(3).ToList();
        var plateau = load.MeanTps(tail);
        var smoothed = rising.Select(i => load.MeanTps(Around(rising, i))).ToList();
        var kneeAt = smoothed.FindIndex(tps => tps >= DiagnosisThresholds.KneeShare * plateau);
        if (kneeAt < 0 || plateau <= 0)
        {
            return null;
        }

        var knee = rising[kneeAt];
        var loadAtKnee = load.Load(knee);
        var loadRise = loadAtKnee > 0 ? (peak / loadAtKnee) - 1 : 0;
        var tpsRise = smoothed[kneeAt] > 0 ? (plateau / smoothed[kneeAt]) - 1 : 0;
        var p95Knee = load.P95Ms(Around(rising, knee));
        var p95End = load.P95Ms(tail);
        if (loadRise < DiagnosisThresholds.LoadRise
            || tpsRise > DiagnosisThresholds.TpsFollowShare * loadRise
            || p95End < DiagnosisThresholds.LatencyClimb * p95Knee)
        {
            return null;
        }

        return new ThroughputLimit(
            load.OpenModel,
            load.StartOf(knee),
            loadAtKnee,
            peak,
            smoothed[kneeAt],
            load.MeanTps([.. rising.Where(i => i >= knee)]),
            p95Knee,
            p95End);
    }

    /// <summary>A second with its neighbours among <paramref name="seconds"/> (three seconds, fewer at the ends).</summary>
    private static List<int> Around(IReadOnlyList<int> seconds, int second)
    {
        var at = seconds.ToList().IndexOf(second);
        return [.. seconds.Skip(Math.Max(0, at - 1)).Take(at == 0 ? 2 : 3)];
    }
}
