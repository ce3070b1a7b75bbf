using Surge.Configuration;

namespace Surge.Execution.Segments;

/// <summary>
/// This generator's segment within the sequence all generators share (k6's execution tuple): says
/// how many of a count of VUs or iterations are this generator's, and which ones.
/// </summary>
internal sealed class ExecutionTuple
{
    private readonly long[] _positions;

    public ExecutionTuple(ExecutionSegment segment, ExecutionSegmentSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        Index = sequence.Segments.ToList().IndexOf(segment);
        if (Index < 0)
        {
            throw new ConfigException($"--execution-segment {segment} is not one of --execution-segment-sequence {sequence}; give one of its segments, e.g. {sequence.Segments[0]}");
        }

        Segment = segment;
        Sequence = sequence;
        _positions = sequence.PositionsOf(Index).ToArray();
    }

    /// <summary>The whole test on one generator.</summary>
    public static ExecutionTuple Whole { get; } = new(ExecutionSegment.Whole, ExecutionSegmentSequence.Around(ExecutionSegment.Whole));

    public ExecutionSegment Segment { get; }

    public ExecutionSegmentSequence Sequence { get; }

    /// <summary>The segment's place in the sequence, from 0.</summary>
    public int Index { get; }

    /// <summary>True when this generator runs the whole test.</summary>
    public bool IsWhole => Segment.IsWhole;

    /// <summary>
    /// The tuple of the command line's <c>--execution-segment</c> and <c>--execution-segment-sequence</c>;
    /// the whole test when neither is given.
    /// </summary>
    /// <exception cref="ConfigException">A value is malformed, or the segment is not in the sequence.</exception>
    public static ExecutionTuple From(string? segment, string? sequence)
    {
        var parsedSequence = sequence is null ? null : ExecutionSegmentSequence.Parse(sequence);
        if (segment is null)
        {
            return parsedSequence is null
                ? Whole
                : throw new ConfigException("--execution-segment-sequence needs --execution-segment, the part this generator runs, e.g. --execution-segment 1/4:2/4");
        }

        var parsed = ExecutionSegment.Parse(segment);
        return new ExecutionTuple(parsed, parsedSequence ?? ExecutionSegmentSequence.Around(parsed));
    }

    /// <summary>How many of <paramref name="count"/> units (VUs, iterations) are this segment's; the segments' shares add up to <paramref name="count"/>.</summary>
    public long Scale(long count)
    {
        if (count <= 0)
        {
            return 0;
        }

        var cycle = Sequence.Cycle;
        var rest = count % cycle;
        var within = Array.BinarySearch(_positions, rest);
        return ((count / cycle) * _positions.Length) + (within >= 0 ? within : ~within);
    }

    /// <inheritdoc cref="Scale(long)"/>
    public int Scale(int count) => (int)Scale((long)count);

    /// <summary>True when unit <paramref name="unit"/> (counted from 0) is this segment's.</summary>
    public bool Owns(long unit) => Array.BinarySearch(_positions, unit % Sequence.Cycle) >= 0;

    /// <inheritdoc />
    public override string ToString() => IsWhole ? "0:1" : $"{Segment} of {Sequence}";
}
