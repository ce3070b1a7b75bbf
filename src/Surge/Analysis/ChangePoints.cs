namespace Surge.Analysis;

/// <summary>
/// Finds where a series (a test's TPS or p95, run after run) changed for good, the way Apache Otava
/// (Hunter) reads benchmark history: binary segmentation with a permutation-tested mean shift.
/// </summary>
/// <remarks>
/// <para>
/// In a segment, every split with at least <c>minSegment</c> values a side is scored by the between-group
/// sum of squares n₁n₂/n · (mean₁ − mean₂)², the best split is kept, and its score is checked against the
/// best scores of the same segment shuffled (999 permutations): the p-value is the share of shuffles
/// that score as high. A split with p below α is a change point, and both halves are searched again.
/// This is E-divisive's scheme with the mean distance in place of the energy distance: it finds shifts of
/// the level, not of the spread, which is what "TPS dropped from this run on" means.
/// </para>
/// <para>
/// The shuffles use a fixed seed, so the same history always gives the same answer. A single wild run
/// at either end cannot be a level of its own (fewer than <c>minSegment</c> values) until another run
/// confirms it; a slow drift is found as one or more steps.
/// </para>
/// </remarks>
internal static class ChangePoints
{
    /// <summary>The default significance level: stricter than a comparison's 0.05, as several splits are tested.</summary>
    public const double DefaultAlpha = 0.01;

    private const int Permutations = 999;

    /// <summary>The change points of <paramref name="values"/>, in order.</summary>
    /// <param name="values">The series, oldest first.</param>
    /// <param name="alpha">The significance level of each split.</param>
    /// <param name="minSegment">The fewest values a level must have.</param>
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> values, double alpha = DefaultAlpha, int minSegment = 2)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSegment, 1);
        var random = new Random(20_240_611);
        var found = new List<(int Index, double P)>();
        Split(values, 0, values.Count, alpha, minSegment, random, found);
        found.Sort((a, b) => a.Index.CompareTo(b.Index));

        var bounds = found.Select(f => f.Index).Prepend(0).Append(values.Count).ToList();
        return
        [
            .. found.Select((f, i) => new ChangePoint(
                f.Index,
                Mean(values, bounds[i], bounds[i + 1]),
                Mean(values, bounds[i + 1], bounds[i + 2]),
                f.P)),
        ];
    }

    private static void Split(IReadOnlyList<double> values, int start, int end, double alpha, int minSegment, Random random, List<(int, double)> found)
    {
        if (end - start < 2 * minSegment)
        {
            return;
        }

        var segment = new double[end - start];
        for (var i = 0; i < segment.Length; i++)
        {
            segment[i] = values[start + i];
        }

        var (split, score) = BestSplit(segment, minSegment);
        if (score <= 0)
        {
            return;
        }

        var atLeastAsHigh = 0;
        var shuffled = (double[])segment.Clone();
        for (var i = 0; i < Permutations; i++)
        {
            random.Shuffle(shuffled);
            if (BestSplit(shuffled, minSegment).Score >= score)
            {
                atLeastAsHigh++;
            }
        }

        var p = (atLeastAsHigh + 1.0) / (Permutations + 1);
        if (p >= alpha)
        {
            return;
        }

        found.Add((start + split, p));
        Split(values, start, start + split, alpha, minSegment, random, found);
        Split(values, start + split, end, alpha, minSegment, random, found);
    }

    /// <summary>The split (index of the first value after it) with the highest between-group sum of squares.</summary>
    private static (int Split, double Score) BestSplit(double[] segment, int minSegment)
    {
        var n = segment.Length;
        var total = segment.Sum();
        var left = 0.0;
        var best = (Split: 0, Score: 0.0);
        for (var k = 1; k < n; k++)
        {
            left += segment[k - 1];
            if (k < minSegment || n - k < minSegment)
            {
                continue;
            }

            var difference = left / k - (total - left) / (n - k);
            var score = (double)k * (n - k) / n * difference * difference;
            if (score > best.Score)
            {
                best = (k, score);
            }
        }

        return best;
    }

    private static double Mean(IReadOnlyList<double> values, int start, int end)
    {
        var sum = 0.0;
        for (var i = start; i < end; i++)
        {
            sum += values[i];
        }

        return end > start ? sum / (end - start) : 0;
    }
}
