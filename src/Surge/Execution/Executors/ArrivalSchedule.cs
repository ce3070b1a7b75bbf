using Surge.Execution.Segments;

namespace Surge.Execution.Executors;

/// <summary>
/// When each iteration of an arrival-rate scenario is due, as an offset from the scenario's start.
/// The n-th start is where the integral of the rate reaches n, so times come from the schedule, never
/// from the previous start: no drift, however late the generator runs.
/// </summary>
/// <remarks>
/// Within a stage the rate moves linearly from a to b (per second) over D, so the starts up to t are
/// N(t) = a·t + (b − a)·t² / (2D); the n-th start solves N(t) = n. A constant rate is the case a = b:
/// start n at n ÷ a, i.e. <c>start + n·period</c>. A generator running a segment of the test takes
/// the starts its segment owns (k6's striping), so the generators' starts together are the whole schedule's, each once.
/// </remarks>
internal sealed class ArrivalSchedule
{
    private readonly List<Segment> _segments = [];
    private readonly ExecutionTuple _share;
    private readonly long _first;
    private int _segment;
    private long _next;

    /// <param name="startRate">Iterations per time unit at the start.</param>
    /// <param name="stages">The stages (targets per time unit).</param>
    /// <param name="timeUnit">The time unit of the rates.</param>
    /// <param name="constantRate">True to hold <paramref name="startRate"/> for the stages' whole duration (constant-arrival-rate).</param>
    /// <param name="share">This generator's segment of the test (the whole test by default).</param>
    public ArrivalSchedule(double startRate, IReadOnlyList<Stage> stages, TimeSpan timeUnit, bool constantRate, ExecutionTuple? share = null)
    {
        _share = share ?? ExecutionTuple.Whole;
        var perSecond = 1 / timeUnit.TotalSeconds;
        var at = TimeSpan.Zero;
        var from = startRate * perSecond;
        var before = 0.0;
        foreach (var stage in stages)
        {
            var to = constantRate ? from : stage.Target * perSecond;
            var segment = new Segment(at, stage.Duration.TotalSeconds, from, to, before);
            _segments.Add(segment);
            before += segment.Count;
            at += stage.Duration;
            from = to;
        }

        End = at;

        // Start 0 is due at once when the scenario starts with a rate; from a standstill the first
        // start waits until one iteration's worth has accumulated. A start due exactly at the end is
        // past it.
        _next = _segments.Find(s => s.Seconds > 0) is { From: > 0 } ? 0 : 1;
        _first = _next;
        ExpectedCount = _share.Scale(Math.Max(0, (long)Math.Ceiling(before - 1e-9) - _next));
    }

    /// <summary>When the last iteration may start: the end of the last stage.</summary>
    public TimeSpan End { get; }

    /// <summary>How many iterations the schedule starts in all (what the achieved rate is compared with).</summary>
    public long ExpectedCount { get; }

    /// <summary>The next start, in order; false when the schedule is over.</summary>
    public bool TryNext(out TimeSpan offset)
    {
        while (_segment < _segments.Count)
        {
            var segment = _segments[_segment];
            if (segment.TryTimeOf(_next - segment.Before, out var seconds))
            {
                var owned = _share.Owns(_next - _first);
                _next++;
                if (!owned)
                {
                    continue;
                }

                offset = segment.Start + TimeSpan.FromSeconds(seconds);
                return true;
            }

            _segment++;
        }

        offset = End;
        return false;
    }

    /// <summary>One stage: starts at <paramref name="Start"/>, lasts <paramref name="Seconds"/>, rate from/to per second.</summary>
    private sealed record Segment(TimeSpan Start, double Seconds, double From, double To, double Before)
    {
        public double Count => Seconds * (From + To) / 2;

        /// <summary>The time within the segment at which <paramref name="n"/> starts have accumulated; false past its end.</summary>
        public bool TryTimeOf(double n, out double seconds)
        {
            seconds = 0;
            if (Seconds <= 0 || n >= Count - 1e-9)
            {
                return false;
            }

            var curve = (To - From) / (2 * Seconds);
            seconds = Math.Abs(curve) < 1e-12
                ? n / From
                : (-From + Math.Sqrt(Math.Max(0, (From * From) + (4 * curve * n)))) / (2 * curve);
            return seconds < Seconds;
        }
    }
}
