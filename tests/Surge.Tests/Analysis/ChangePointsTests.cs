using Surge.Analysis;

namespace Surge.Tests.Analysis;

public class ChangePointsTests
{
    [Fact]
    public void OneClearShift_IsFound_AtTheRunItStarted()
    {
        var random = new Random(7);
        var tps = Enumerable.Range(0, 30).Select(i => (i < 18 ? 1_000.0 : 800.0) + (random.NextDouble() - 0.5) * 40).ToList();

        var changes = ChangePoints.Detect(tps);

        var change = Assert.Single(changes);
        Assert.Equal(18, change.Index);
        Assert.Equal(1_000, change.MeanBefore, 0.02 * 1_000);
        Assert.Equal(800, change.MeanAfter, 0.02 * 800);
        Assert.Equal(-20, change.ChangePercent, 1.5);
        Assert.True(change.PValue < ChangePoints.DefaultAlpha);
    }

    [Fact]
    public void TwoShifts_AreBothFound()
    {
        var random = new Random(11);
        var p95 = Enumerable.Range(0, 36).Select(i => (i < 12 ? 50.0 : i < 24 ? 120.0 : 60.0) + random.NextDouble() * 6).ToList();

        var changes = ChangePoints.Detect(p95);

        Assert.Equal([12, 24], changes.Select(c => c.Index));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PureNoise_HasNoChangePoint(int seed)
    {
        var random = new Random(seed);
        var tps = Enumerable.Range(0, 40).Select(_ => 1_000 + (random.NextDouble() - 0.5) * 100).ToList();

        Assert.Empty(ChangePoints.Detect(tps));
    }

    [Fact]
    public void TooShortOrFlat_HasNoChangePoint()
    {
        Assert.Empty(ChangePoints.Detect([100, 50, 50]));
        Assert.Empty(ChangePoints.Detect([7, 7, 7, 7, 7, 7]));
        Assert.Empty(ChangePoints.Detect([]));
    }
}
