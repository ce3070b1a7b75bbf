using Surge.Analysis;

namespace Surge.Tests.Analysis;

public class MannWhitneyTests
{
    [Fact]
    public void TortoiseAndHare_TheTextbookU_AndItsNormalApproximation()
    {
        // Wikipedia's "Mann–Whitney U test" example: finishing order THHHHHTTTTTH gives U(tortoise) = 25,
        // U(hare) = 11. Normal approximation: mean 18, variance 6·6·13/12 = 39,
        // z = (|25 − 18| − 0.5) / √39 = 1.0408, p = 2·(1 − Φ(1.0408)) = 0.2980.
        double[] tortoise = [1, 7, 8, 9, 10, 11];
        double[] hare = [2, 3, 4, 5, 6, 12];

        var result = MannWhitney.Test(tortoise, hare);
        var swapped = MannWhitney.Test(hare, tortoise);

        Assert.Equal(25, result.U);
        Assert.Equal(11, swapped.U);
        Assert.Equal(1.0408, result.Z, 4);
        Assert.Equal(0.2980, result.PValue, 4);
        Assert.Equal(result.PValue, swapped.PValue, 12);
        Assert.False(result.IsSignificant(0.05));
    }

    [Fact]
    public void Ties_AverageRanks_AndTheTieCorrectedVariance()
    {
        // Ranks of the 11 values: 1.1→1, 2.0×3→3, 3.5×2→5.5, 4.0→7, 5.0×2→8.5, 6.0→10, 7.5→11.
        // R(a) = 1 + 3 + 3 + 5.5 + 7 = 19.5, U = 19.5 − 5·6/2 = 4.5.
        // Ties Σ(t³ − t) = 24 + 6 + 6 = 36; variance = 5·6/12 · (12 − 36/110) = 29.1818;
        // z = (|4.5 − 15| − 0.5) / √29.1818 = 1.8512, p = 0.0641 (R: wilcox.test(a, b, exact = FALSE)).
        double[] a = [1.1, 2.0, 2.0, 3.5, 4.0];
        double[] b = [2.0, 3.5, 5.0, 5.0, 6.0, 7.5];

        var result = MannWhitney.Test(a, b);

        Assert.Equal(4.5, result.U);
        Assert.Equal(-1.8512, result.Z, 4);
        Assert.Equal(0.0641, result.PValue, 4);
    }

    [Fact]
    public void SeparatedSamples_AreSignificant_IdenticalOnesAreNot()
    {
        double[] low = [10, 11, 12, 13, 14, 15, 16, 17];
        double[] high = [20, 21, 22, 23, 24, 25, 26, 27];
        double[] flat = [5, 5, 5, 5];

        var separated = MannWhitney.Test(low, high);

        Assert.Equal(0, separated.U);
        Assert.True(separated.PValue < 0.001, $"p = {separated.PValue}");
        Assert.Equal(1, MannWhitney.Test(low, low).PValue, 12);
        Assert.Equal(1, MannWhitney.Test(flat, flat).PValue);
        Assert.Equal(1, MannWhitney.Test([], high).PValue);
    }
}
