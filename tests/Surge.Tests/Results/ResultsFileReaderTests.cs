using Surge.Outcome;
using Surge.Results;
using Surge.Timeline;

namespace Surge.Tests.Results;

public sealed class ResultsFileReaderTests : IDisposable
{
    private const string Start = """{"type":"start","time":"2026-11-25T03:00:00+00:00","surge":"0.1.0","target":"GET http://127.0.0.1/","scenarios":[],"thresholds":[]}""";
    private const string Interval1 = """{"type":"interval","t":1,"dur":1,"time":"2026-11-25T03:00:01+00:00","tTicks":10000000,"durTicks":10000000,"series":[{"metric":"http_reqs","type":"counter","contains":"default","tags":{"status":"200"},"count":20,"sum":20}]}""";
    private const string Interval2 = """{"type":"interval","t":2,"dur":1,"time":"2026-11-25T03:00:02+00:00","tTicks":20000000,"durTicks":10000000,"series":[{"metric":"http_reqs","type":"counter","contains":"default","tags":{"status":"200"},"count":30,"sum":30}]}""";
    private const string Event = """{"type":"event","kind":"generator_limited","t":1.2,"tTicks":12000000,"message":"the load generator is saturated"}""";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"surge-reader-{Guid.NewGuid():N}.ndjson");

    [Fact]
    public void ReadRun_EventsBetweenSeconds_BelongToTheSecondAfterThem()
    {
        File.WriteAllLines(_path, [Start, Interval1, Event, Interval2]);

        var run = ResultsFileReader.ReadRun(_path);

        Assert.Equal(2, run.Timeline.Seconds.Count);
        Assert.Empty(run.Timeline.Seconds[0].Events);
        var limited = Assert.Single(run.Timeline.Seconds[1].Events);
        Assert.Equal(new TestEvent(EventKind.GeneratorLimited, TimeSpan.FromSeconds(1.2), "the load generator is saturated"), limited);
        Assert.Equal([20.0, 30.0], run.Timeline.Seconds.Select(s => s.Sum("http_reqs")));
    }

    [Fact]
    public void ReadRun_LastLineCutByAKill_KeepsEveryWholeSecond_AndSaysUnfinished()
    {
        File.WriteAllText(_path, string.Join('\n', Start, Interval1, Interval2[..40]));

        var run = ResultsFileReader.ReadRun(_path);

        Assert.Single(run.Timeline.Seconds);
        Assert.Equal(20, run.Summary.Metric("http_reqs").Sum);
        Assert.Equal(StopReason.Unfinished, run.Summary.StopReason);
        Assert.Equal(TimeSpan.FromSeconds(1), run.Summary.Duration);
    }

    [Fact]
    public void ReadRun_BrokenLineInTheMiddle_IsAFormatErrorNamingTheLine()
    {
        File.WriteAllLines(_path, [Start, Interval1[..40], Interval2]);

        var error = Assert.Throws<FormatException>(() => ResultsFileReader.ReadRun(_path));

        Assert.StartsWith($"{Path.GetFileName(_path)} line 2 is not a Surge results line", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "it is not JSON")]
    [InlineData("[1,2]", "it has no \"type\" (start, interval, resources, event, diagnosis or stop)")]
    [InlineData("""{"type":"interval"}""", "a field that Surge writes is missing")]
    [InlineData("""{"type":"interval","series":7,"t":1}""", "a field holds a value that Surge does not write")]
    public void ReadRun_LineThatIsNotSurges_SaysSoInSurgesWords(string line, string problem)
    {
        File.WriteAllLines(_path, [Start, line, Interval2]);

        var error = Assert.Throws<FormatException>(() => ResultsFileReader.ReadRun(_path));

        Assert.Equal(
            $"{Path.GetFileName(_path)} line 2 is not a Surge results line: {problem}; surge report reads the file that surge run --out writes",
            error.Message);
    }

    [Fact]
    public void ReadRun_UnknownEventKind_IsAFormatErrorNamingTheLine()
    {
        File.WriteAllLines(_path, [Start, Event.Replace("generator_limited", "coffee_break", StringComparison.Ordinal), Interval1]);

        var error = Assert.Throws<FormatException>(() => ResultsFileReader.ReadRun(_path));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("coffee_break", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRun_NoStartLine_SaysItIsNotAResultsFile()
    {
        File.WriteAllLines(_path, [Interval1]);

        var error = Assert.Throws<FormatException>(() => ResultsFileReader.ReadRun(_path));

        Assert.Contains("has no start line", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_path);
}
