using Surge.Metrics;
using Surge.Timeline;

namespace Surge.Analysis;

/// <summary>
/// The per-second load figures of a run, derived from its timeline: TPS, error rate, VUs, offered and
/// dropped iterations, and p95 latency from the seconds' merged histograms.
/// </summary>
internal sealed class LoadSeries
{
    // A last second cut to a few milliseconds would make its per-second figures noise.
    private static readonly TimeSpan ShortestSecond = TimeSpan.FromSeconds(0.5);

    private readonly IReadOnlyList<TimelineSecond> _seconds;

    private LoadSeries(IReadOnlyList<TimelineSecond> seconds, bool openModel)
    {
        _seconds = seconds;
        OpenModel = openModel;
        var n = seconds.Count;
        Tps = new double[n];
        ErrorRate = new double[n];
        Requests = new double[n];
        Vus = new double[n];
        Offered = new double[n];
        Dropped = new double[n];
        var loaded = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var second = seconds[i];
            var length = Math.Max(second.Length.TotalSeconds, 1e-3);
            var responses = second.Of("http_reqs").Where(s => s.Series.Tags["error"] is null).Sum(s => s.Sum);
            Requests[i] = second.Sum("http_reqs");
            Tps[i] = responses / length;
            var failed = second.Of("http_req_failed").ToList();
            var count = failed.Sum(s => s.Count);
            ErrorRate[i] = count == 0 ? 0 : (double)failed.Sum(s => s.Trues) / count;
            Vus[i] = second.Of("vus").Sum(s => s.Value);
            Dropped[i] = second.Sum("dropped_iterations") / length;
            Offered[i] = (second.Sum("iterations") / length) + Dropped[i];
            if (second.Length >= ShortestSecond && (Requests[i] > 0 || Load(i) > 0))
            {
                loaded.Add(i);
            }
        }

        Loaded = loaded;
    }

    /// <summary>True when the load is an arrival rate: <see cref="Load"/> is then the offered iterations per second.</summary>
    public bool OpenModel { get; }

    /// <summary>Responses per second (requests that got no response left out).</summary>
    public double[] Tps { get; }

    /// <summary>Share of requests that failed (<c>http_req_failed</c>), 0–1.</summary>
    public double[] ErrorRate { get; }

    /// <summary>Requests made in the second.</summary>
    public double[] Requests { get; }

    /// <summary>The <c>vus</c> gauge.</summary>
    public double[] Vus { get; }

    /// <summary>Iterations per second offered: those that ran plus those dropped.</summary>
    public double[] Offered { get; }

    /// <summary>Iterations dropped per second.</summary>
    public double[] Dropped { get; }

    /// <summary>Indexes of the seconds with load (whole enough to judge), in order.</summary>
    public IReadOnlyList<int> Loaded { get; }

    /// <summary>Seconds in the timeline.</summary>
    public int Count => _seconds.Count;

    /// <summary>Builds the series of <paramref name="timeline"/>.</summary>
    public static LoadSeries Of(RunTimeline timeline, bool openModel) => new(timeline.Seconds, openModel);

    /// <summary>The load of a second: VUs, or the offered rate in the open model.</summary>
    public double Load(int second) => OpenModel ? Offered[second] : Vus[second];

    /// <summary>When second <paramref name="second"/> started, since the test started.</summary>
    public TimeSpan StartOf(int second) => _seconds[second].Elapsed - _seconds[second].Length;

    /// <summary>p95 of <c>http_req_duration</c> over the given seconds, histograms merged; 0 when none recorded any.</summary>
    public double P95Ms(IEnumerable<int> seconds)
    {
        var merged = MetricAggregate.Create(MetricType.Trend);
        foreach (var i in seconds)
        {
            foreach (var series in _seconds[i].Of("http_req_duration"))
            {
                merged.Add(series.ToAggregate());
            }
        }

        return merged.Count == 0 ? 0 : merged.PercentileMicros(95) / 1000;
    }

    /// <summary>Mean TPS over the given seconds.</summary>
    public double MeanTps(IReadOnlyCollection<int> seconds) => seconds.Count == 0 ? 0 : seconds.Average(i => Tps[i]);

    /// <summary>Standard deviation of TPS over the given seconds, in % of its mean.</summary>
    public double TpsSpreadPercent(IReadOnlyCollection<int> seconds)
    {
        var mean = MeanTps(seconds);
        if (seconds.Count < 2 || mean <= 0)
        {
            return 0;
        }

        var variance = seconds.Sum(i => (Tps[i] - mean) * (Tps[i] - mean)) / seconds.Count;
        return Math.Sqrt(variance) / mean * 100;
    }
}
