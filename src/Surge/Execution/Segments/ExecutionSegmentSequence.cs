using Surge.Configuration;

namespace Surge.Execution.Segments;

/// <summary>
/// How a whole test is cut among its generators (k6's execution segment sequence): consecutive
/// segments from 0 to 1, with the striping that gives each one its units of work.
/// </summary>
/// <remarks>
/// Work is counted in units (VU 1, 2, …; iteration 0, 1, …). Units are dealt out in cycles of
/// <see cref="Cycle"/>, the least common denominator of the segments' lengths, in which a segment of
/// length <c>a/b</c> owns exactly <c>Cycle·a/b</c> positions. The positions are chosen as k6 does,
/// so a unit lands on the same generator in Surge and in k6: position p goes to the longest segment
/// that is due, one being due once p has reached <c>c·Cycle/n</c> (c positions taken so far, n its share of the cycle).
/// Every position goes to exactly one segment, so the shares add up to the whole for any count.
/// </remarks>
internal sealed class ExecutionSegmentSequence
{
    /// <summary>The longest cycle Surge deals (its positions are held in memory).</summary>
    public const long MaxCycle = 10_000_000;

    private readonly long[][] _positions;

    private ExecutionSegmentSequence(IReadOnlyList<ExecutionSegment> segments)
    {
        Segments = segments;
        var cycle = 1L;
        foreach (var segment in segments)
        {
            var denominator = segment.Length.Denominator;
            cycle = checked(cycle / Fraction.Gcd(cycle, denominator) * denominator);
            if (cycle > MaxCycle)
            {
                throw new ConfigException($"the execution segments' common denominator is over {MaxCycle}; use simpler fractions, e.g. 1/3 rather than 0.3333");
            }
        }

        Cycle = cycle;
        var shares = segments.Select(s => s.Length.Numerator * (cycle / s.Length.Denominator)).ToArray();
        var longestFirst = Enumerable.Range(0, segments.Count).OrderByDescending(i => segments[i].Length).ToArray(); // stable, as k6's
        var taken = new long[segments.Count];
        var positions = shares.Select(n => new List<long>((int)n)).ToArray();
        for (long p = 0; p < cycle; p++)
        {
            foreach (var i in longestFirst)
            {
                if (taken[i] < shares[i] && p * shares[i] >= taken[i] * cycle)
                {
                    taken[i]++;
                    positions[i].Add(p);
                    break;
                }
            }
        }

        _positions = [.. positions.Select(p => p.ToArray())];
    }

    /// <summary>The segments, in order, from 0 to 1.</summary>
    public IReadOnlyList<ExecutionSegment> Segments { get; }

    /// <summary>The length of one cycle of positions.</summary>
    public long Cycle { get; }

    /// <summary>
    /// Reads k6's form, the points where segments meet: <c>0,1/4,2/4,3/4,1</c> (fractions, decimals or percentages).
    /// </summary>
    /// <exception cref="ConfigException">The text is not an increasing list from 0 to 1; the message says what to fix.</exception>
    public static ExecutionSegmentSequence Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var points = new List<Fraction>();
        foreach (var part in text.Split(','))
        {
            if (!Fraction.TryParse(part, out var point))
            {
                throw new ConfigException($"--execution-segment-sequence: '{part.Trim()}' is not a fraction from 0 to 1; write the points where segments meet, e.g. 0,1/4,2/4,3/4,1");
            }

            points.Add(point);
        }

        if (points.Count < 2 || points[0] != Fraction.Zero || points[^1] != Fraction.One)
        {
            throw new ConfigException($"--execution-segment-sequence '{text}' must run from 0 to 1, e.g. 0,1/4,2/4,3/4,1");
        }

        for (var i = 1; i < points.Count; i++)
        {
            if (points[i] <= points[i - 1])
            {
                throw new ConfigException($"--execution-segment-sequence '{text}': {points[i]} after {points[i - 1]} would make segments overlap; give the points in increasing order, each once");
            }
        }

        return new ExecutionSegmentSequence([.. points.Zip(points.Skip(1), (from, to) => new ExecutionSegment(from, to))]);
    }

    /// <summary>A sequence of these segments, which must follow each other from 0 to 1 without gap or overlap.</summary>
    /// <exception cref="ConfigException">They overlap, leave a gap, or do not cover 0 to 1; the message names where.</exception>
    public static ExecutionSegmentSequence Of(IEnumerable<ExecutionSegment> segments)
    {
        var ordered = segments.OrderBy(s => s.From).ToList();
        var at = Fraction.Zero;
        foreach (var segment in ordered)
        {
            if (segment.From < at)
            {
                throw new ConfigException($"execution segments overlap: {segment} starts before {at}, where the one before it ends");
            }

            if (segment.From > at)
            {
                throw new ConfigException($"execution segments leave a gap: nothing runs {at}:{segment.From}");
            }

            at = segment.To;
        }

        return at == Fraction.One
            ? new ExecutionSegmentSequence(ordered)
            : throw new ConfigException($"execution segments leave a gap: nothing runs {at}:1");
    }

    /// <summary>The sequence k6 makes for a segment given alone: it, and what lies before and after it.</summary>
    public static ExecutionSegmentSequence Around(ExecutionSegment segment)
    {
        var segments = new List<ExecutionSegment>();
        if (segment.From > Fraction.Zero)
        {
            segments.Add(new ExecutionSegment(Fraction.Zero, segment.From));
        }

        segments.Add(segment);
        if (segment.To < Fraction.One)
        {
            segments.Add(new ExecutionSegment(segment.To, Fraction.One));
        }

        return new ExecutionSegmentSequence(segments);
    }

    /// <summary>The positions within a cycle that segment <paramref name="index"/> owns, ascending.</summary>
    public ReadOnlySpan<long> PositionsOf(int index) => _positions[index];

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Segments.Select(s => s.From.ToString()).Append("1"));
}
