using Surge.Configuration;
using Surge.Execution.Segments;

namespace Surge.Tests.Execution.Segments;

/// <summary>Reading segments and sequences, and k6's striping of units among segments.</summary>
public class ExecutionSegmentTests
{
    public static TheoryData<string> Sequences() =>
    [
        "0,1", "0,1/2,1", "0,1/4,2/4,3/4,1", "0,1/3,2/3,1", "0,1/3,1", "0,0.1,0.35,0.5,1", "0,1/7,3/7,1",
        "0,0.125,0.5,0.625,1", "0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0,1/8,2/8,3/8,4/8,5/8,6/8,7/8,1", "0,10%,90%,1",
    ];

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Scale_SharesOfEverySegmentAddUpToEveryCount(string text)
    {
        var tuples = Tuples(text);
        for (long count = 0; count <= 1000; count++)
        {
            Assert.Equal(count, tuples.Sum(t => t.Scale(count)));
        }

        Assert.Equal(123_456_789_013L, tuples.Sum(t => t.Scale(123_456_789_013L)));
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Owns_EveryUnitBelongsToExactlyOneSegment_AndScaleCountsThem(string text)
    {
        var tuples = Tuples(text);
        var owned = new long[tuples.Count];
        for (long unit = 0; unit < 3 * tuples[0].Sequence.Cycle + 5; unit++)
        {
            Assert.Equal(1, tuples.Count(t => t.Owns(unit)));
            for (var i = 0; i < tuples.Count; i++)
            {
                owned[i] += tuples[i].Owns(unit) ? 1 : 0;
                Assert.Equal(owned[i], tuples[i].Scale(unit + 1));
            }
        }
    }

    [Fact]
    public void Striping_IsK6s_LongestSegmentFirst_ThenEvenlySpread()
    {
        // Equal quarters: one position each, in order.
        var quarters = Tuples("0,1/4,2/4,3/4,1");
        Assert.Equal(new[] { 0, 1, 2, 3 }, quarters.Select(t => Enumerable.Range(0, 4).Single(u => t.Owns(u))));
        Assert.Equal(new[] { 2L, 1, 1, 1 }, quarters.Select(t => t.Scale(5L)));

        // 1/3 and 2/3: the longer segment takes position 0, then every one it is due.
        var thirds = Tuples("0,1/3,1");
        Assert.Equal(new[] { 1L }, Enumerable.Range(0, 3).Where(u => thirds[0].Owns(u)).Select(u => (long)u));
        Assert.Equal(new[] { 0L, 2 }, Enumerable.Range(0, 3).Where(u => thirds[1].Owns(u)).Select(u => (long)u));
        Assert.Equal(0, thirds[0].Scale(1));
        Assert.Equal(1, thirds[1].Scale(1));
    }

    [Fact]
    public void Striping_HalfAndTwoQuarters_GivesK6sDocumentedTable()
    {
        // k6's lib/execution_segment.go documents this split: 0 2 4 6 …, 1 5 9 …, 3 7 11 …
        var tuples = Tuples("0,1/2,3/4,1");
        Assert.Equal(new long[] { 0, 2, 4, 6, 8, 10 }, Enumerable.Range(0, 12).Where(u => tuples[0].Owns(u)).Select(u => (long)u));
        Assert.Equal(new long[] { 1, 5, 9 }, Enumerable.Range(0, 12).Where(u => tuples[1].Owns(u)).Select(u => (long)u));
        Assert.Equal(new long[] { 3, 7, 11 }, Enumerable.Range(0, 12).Where(u => tuples[2].Owns(u)).Select(u => (long)u));
        Assert.Equal(new long[] { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6 }, Enumerable.Range(1, 12).Select(v => tuples[0].Scale((long)v)));
        Assert.Equal(new long[] { 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3 }, Enumerable.Range(1, 12).Select(v => tuples[1].Scale((long)v)));
        Assert.Equal(new long[] { 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3 }, Enumerable.Range(1, 12).Select(v => tuples[2].Scale((long)v)));
    }

    [Fact]
    public void Scale_IsEvenWithinEachSegment()
    {
        // No segment gets ahead of its length by a whole unit or more at any count.
        foreach (var tuple in Tuples("0,0.3,0.5,0.6,0.7,0.8,0.9,1"))
        {
            var length = (double)tuple.Segment.Length.Numerator / tuple.Segment.Length.Denominator;
            for (long count = 0; count < 100; count++)
            {
                Assert.InRange(tuple.Scale(count), Math.Floor(count * length) - 1, Math.Ceiling(count * length) + 1);
            }
        }
    }

    [Theory]
    [InlineData("1/4:2/4", "1/4", "1/2")]
    [InlineData("0.25:0.5", "1/4", "1/2")]
    [InlineData("25%:50%", "1/4", "1/2")]
    [InlineData("1/3", "0", "1/3")]
    [InlineData("0:1", "0", "1")]
    public void Segment_ReadsK6sForms(string text, string from, string to)
    {
        var segment = ExecutionSegment.Parse(text);

        Assert.Equal(from, segment.From.ToString());
        Assert.Equal(to, segment.To.ToString());
    }

    [Theory]
    [InlineData("1/4:2/4:3/4", "is not a segment")]
    [InlineData("a:b", "is not a segment")]
    [InlineData("1/0:1", "is not a segment")]
    [InlineData("1.5", "is not a segment")]
    [InlineData("-1/4:1", "is not a segment")]
    [InlineData("2/4:1/4", "empty or backwards")]
    [InlineData("1/2:1/2", "empty or backwards")]
    public void Segment_Malformed_SaysWhatToWrite(string text, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ExecutionSegment.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("0,1/2,1/4,1", "would make segments overlap")]
    [InlineData("0,1/2,1/2,1", "would make segments overlap")]
    [InlineData("0,1/2", "must run from 0 to 1")]
    [InlineData("1/4,1", "must run from 0 to 1")]
    [InlineData("0,x,1", "'x' is not a fraction")]
    [InlineData("0,1/9999999,1/9999998,1", "common denominator")]
    public void Sequence_Bad_OneLineSaysWhatToFix(string text, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ExecutionSegmentSequence.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tuple_SegmentNotInSequence_IsAnError()
    {
        var error = Assert.Throws<ConfigException>(() => ExecutionTuple.From("1/4:3/4", "0,1/4,2/4,3/4,1"));

        Assert.Contains("is not one of --execution-segment-sequence 0,1/4,1/2,3/4,1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => ExecutionTuple.From(null, "0,1/2,1"));
    }

    [Fact]
    public void Tuple_SegmentAlone_IsCutFromTheRestAsK6Does()
    {
        var tuple = ExecutionTuple.From("1/4:2/4", null);

        Assert.Equal("0,1/4,1/2,1", tuple.Sequence.ToString());
        Assert.Equal(1, tuple.Index);
        Assert.Same(ExecutionTuple.Whole, ExecutionTuple.From(null, null));
    }

    [Theory]
    [InlineData(new[] { "0:1/4", "1/4:1/2", "1/2:1" }, null)]
    [InlineData(new[] { "1/2:1", "0:1/2" }, null)]
    [InlineData(new[] { "0:1/2", "1/4:1" }, "overlap")]
    [InlineData(new[] { "0:1/4", "1/2:1" }, "gap: nothing runs 1/4:1/2")]
    [InlineData(new[] { "0:1/4", "1/4:1/2" }, "gap: nothing runs 1/2:1")]
    public void Of_TheGeneratorsSegments_MustCoverTheTestOnce(string[] segments, string? expected)
    {
        var parsed = segments.Select(ExecutionSegment.Parse);
        if (expected is null)
        {
            Assert.Equal(segments.Length, ExecutionSegmentSequence.Of(parsed).Segments.Count);
        }
        else
        {
            Assert.Contains(expected, Assert.Throws<ConfigException>(() => ExecutionSegmentSequence.Of(parsed)).Message, StringComparison.Ordinal);
        }
    }

    internal static List<ExecutionTuple> Tuples(string sequence)
    {
        var parsed = ExecutionSegmentSequence.Parse(sequence);
        return [.. parsed.Segments.Select(s => new ExecutionTuple(s, parsed))];
    }
}
