using Surge.Timeline;

namespace Surge.Tests.Results;

public class EventKindsTests
{
    [Fact]
    public void EveryKind_HasAName_ThatParsesBackToIt()
    {
        foreach (var kind in Enum.GetValues<EventKind>())
        {
            Assert.Equal(kind, EventKinds.Parse(kind.Name()));
        }

        Assert.Equal("threshold_failed", EventKind.ThresholdFailed.Name());
    }

    [Fact]
    public void Parse_UnknownName_IsAFormatException() =>
        Assert.Throws<FormatException>(() => EventKinds.Parse("threshold-failed"));
}
