using System.Globalization;
using Surge.Configuration;
using Surge.Distributed;
using Surge.Metrics;

namespace Surge.Tests.Distributed;

/// <summary><c>surge report a b c</c>: the results files of one test's generators merged second by second, exactly.</summary>
public sealed class ResultsMergeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("surge-merge-").FullName;

    [Fact]
    public void Read_ThreeGenerators_CountsSum_AndPercentilesAreThoseOfOneHistogramOfEverySample()
    {
        var random = new Random(15);
        var samples = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 200).Select(_ => (long)random.Next(100, 900_000)).ToArray()).ToArray()).ToArray();
        string[] segments = ["0:1/3", "1/3:2/3", "2/3:1"];
        var paths = segments.Select((s, g) => Write($"g{g}.ndjson", "id1", s, samples[g], vus: g + 1)).ToList();

        var merged = ResultsMerge.Read(paths).Summary;

        var all = MetricAggregate.Create(MetricType.Trend, MetricContains.Time);
        foreach (var micros in samples.SelectMany(g => g).SelectMany(s => s))
        {
            all.AddTrendMicros(micros);
        }

        var duration = merged.Metric("http_req_duration");
        Assert.Equal(1200, duration.Count);
        foreach (var percentile in new[] { 50.0, 95, 99, 100 })
        {
            Assert.Equal(all.PercentileMicros(percentile), duration.PercentileMicros(percentile));
        }

        Assert.Equal(1200, merged.Metric("http_reqs").Sum);
        Assert.Equal(6, merged.Metric("vus").Value); // the generators' VUs add up
        Assert.True(merged.ThresholdsPassed); // count>1000: true only of the merged run, no generator alone
        Assert.Equal(2, merged.Duration.TotalSeconds);
    }

    [Fact]
    public void Read_GeneratorMissing_SaysWhichPartOfTheTestHasNoFile()
    {
        var paths = new[] { Write("a.ndjson", "id1", "0:1/3", [[1000]]), Write("c.ndjson", "id1", "2/3:1", [[1000]]) };

        var error = Assert.Throws<ConfigException>(() => ResultsMerge.Read(paths));

        Assert.Equal("the results files are not the whole test (a.ndjson 0:1/3, c.ndjson 2/3:1): execution segments leave a gap: nothing runs 1/3:2/3; give the results file of every generator, each once", error.Message);
    }

    [Fact]
    public void Read_FileOfAnotherTest_IsRefusedByName()
    {
        var paths = new[] { Write("a.ndjson", "id1", "0:1/2", [[1000]]), Write("b.ndjson", "id2", "1/2:1", [[1000]]) };

        var error = Assert.Throws<ConfigException>(() => ResultsMerge.Read(paths));

        Assert.StartsWith("b.ndjson is of another test than a.ndjson (test id id2, not id1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WholeTestFileAmongSegments_IsRefused()
    {
        var paths = new[] { Write("a.ndjson", "id1", "0:1/2", [[1000]]), Write("b.ndjson", "id1", null, [[1000]]) };

        Assert.StartsWith("b.ndjson ran the whole test", Assert.Throws<ConfigException>(() => ResultsMerge.Read(paths)).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A results file with one interval line per array of request durations.</summary>
    private string Write(string name, string testId, string? segment, long[][] seconds, int vus = 1)
    {
        var lines = new List<string>
        {
            $$"""{"type":"start","time":"2026-11-25T03:00:00+00:00","surge":"0.1.0","target":"GET http://127.0.0.1/","testId":"{{testId}}"{{(segment is null ? "" : $",\"segment\":\"{segment}\"")}},"scenarios":[],"thresholds":[{"metric":"http_reqs","expression":"count>1000","abortOnFail":false,"delayAbortEval":0}]}""",
        };
        for (var i = 0; i < seconds.Length; i++)
        {
            var trend = MetricAggregate.Create(MetricType.Trend, MetricContains.Time);
            foreach (var micros in seconds[i])
            {
                trend.AddTrendMicros(micros);
            }

            var t = (i + 1).ToString(CultureInfo.InvariantCulture);
            lines.Add($$"""{"type":"interval","t":{{t}},"dur":1,"time":"2026-11-25T03:00:0{{t}}+00:00","tTicks":{{t}}0000000,"durTicks":10000000,"series":[""" +
                $$"""{"metric":"vus","type":"gauge","contains":"default","tags":{},"count":1,"value":{{vus}},"min":{{vus}},"max":{{vus}}},""" +
                $$"""{"metric":"http_reqs","type":"counter","contains":"default","tags":{"status":"200"},"count":{{seconds[i].Length}},"sum":{{seconds[i].Length}}},""" +
                $$"""{"metric":"http_req_duration","type":"trend","contains":"time","tags":{"status":"200"},"count":{{trend.Count}},"sum":{{trend.Sum.ToString(CultureInfo.InvariantCulture)}},"min":{{trend.Min.ToString(CultureInfo.InvariantCulture)}},"max":{{trend.Max.ToString(CultureInfo.InvariantCulture)}},"hist":"{{HistogramCodec.Encode(trend.Histogram!)}}"}]}""");
        }

        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
