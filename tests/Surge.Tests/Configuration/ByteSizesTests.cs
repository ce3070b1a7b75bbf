using Surge.Configuration;

namespace Surge.Tests.Configuration;

public class ByteSizesTests
{
    [Theory]
    [InlineData("65536", 65536)]
    [InlineData("100B", 100)]
    [InlineData("512KiB", 512 * 1024)]
    [InlineData("64MiB", 64L * 1024 * 1024)]
    [InlineData("64 mib", 64L * 1024 * 1024)]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("10MB", 10_000_000)]
    [InlineData("1.5kB", 1500)]
    [InlineData("1GB", 1_000_000_000)]
    public void TryParse_SizesWithAndWithoutUnits(string text, long expected)
    {
        Assert.True(ByteSizes.TryParse(text, out var bytes, out var error), error);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MiB")]
    [InlineData("-5")]
    [InlineData("10 parsecs")]
    [InlineData("1e3")]
    public void TryParse_NotASize_SaysHowToWriteOne(string text)
    {
        Assert.False(ByteSizes.TryParse(text, out _, out var error));
        Assert.Contains("64MiB", error, StringComparison.Ordinal);
    }
}
