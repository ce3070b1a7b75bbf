using Surge.Configuration;

namespace Surge.Tests.Configuration;

public class DurationsTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m", 120_000)]
    [InlineData("5", 5_000)]
    [InlineData("250us", 0.25)]
    public void TryParse_K6Notation_GivesTheDuration(string text, double expectedMillis)
    {
        Assert.True(Durations.TryParse(text, out var duration, out _));
        Assert.Equal(expectedMillis, duration.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("10x")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("ten seconds")]
    [InlineData("-1s")]
    public void TryParse_NotADuration_FailsWithAHowToWriteIt(string text)
    {
        Assert.False(Durations.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("99999999999h")]
    [InlineData("1001h")]
    [InlineData("1e300")]
    [InlineData("Infinity")]
    public void TryParse_TooLong_FailsWithTheLongestThereIs(string text)
    {
        Assert.False(Durations.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is too long; a duration is at most 1000h (about 41 days)", error);
    }

    [Fact]
    public void TryParse_NaN_IsNotADuration()
    {
        Assert.False(Durations.TryParse("NaN", out _, out var error));
        Assert.StartsWith("'NaN' is not a duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TheLongest_IsAccepted()
    {
        Assert.True(Durations.TryParse("1000h", out var duration, out _));
        Assert.Equal(Durations.Longest, duration);
    }

    [Theory]
    [InlineData(10_000, "10s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(1_500, "1.5s")]
    public void Format_WritesLikeK6(double millis, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromMilliseconds(millis)));
}
