using Surge.Monitoring.Prometheus;

namespace Surge.Tests.Monitoring.Prometheus;

public class PrometheusTextTests
{
    private static PrometheusSample Single(string text) => Assert.Single(PrometheusText.Parse(text));

    [Fact]
    public void Parse_RecordedNodeExporterPage_ReadsEverySampleWithItsLabels()
    {
        var samples = PrometheusText.Parse(PrometheusFixtures.Read(PrometheusFixtures.NodeExporter));

        Assert.Equal(263, samples.Count);
        Assert.Equal(16, samples.Count(s => s.Name == "node_cpu_seconds_total"));
        var idle = samples.Single(s => s.Name == "node_cpu_seconds_total" && s.Labels["cpu"] == "1" && s.Labels["mode"] == "idle");
        Assert.Equal(5979.52, idle.Value);
        Assert.Equal(25_276_510_208, samples.Single(s => s.Name == "node_memory_MemTotal_bytes").Value);
        Assert.Empty(samples.Single(s => s.Name == "node_load1").Labels);
        var build = samples.Single(s => s.Name == "node_exporter_build_info");
        Assert.Equal("1.5.0-1+b6", build.Labels["revision"]);
        Assert.Equal(6, build.Labels.Count);
        Assert.Equal(7, samples.Single(s => s.Name == "go_goroutines").Value);
    }

    [Fact]
    public void Parse_CommentsAndBlankLines_AreSkipped()
    {
        var samples = PrometheusText.Parse("# HELP a The a.\n\n   \n# TYPE a gauge\n#no space after the hash\n  # indented\na 1\n\n");

        var sample = Assert.Single(samples);
        Assert.Equal(("a", 1.0), (sample.Name, sample.Value));
        Assert.Empty(sample.Labels);
    }

    [Fact]
    public void Parse_EscapedLabelValues_AreUnescaped()
    {
        var sample = Single("""a{path="C:\\dir\\",msg="say \"hi\"\nbye",plain="x"} 1""");

        Assert.Equal(@"C:\dir\", sample.Labels["path"]);
        Assert.Equal("say \"hi\"\nbye", sample.Labels["msg"]);
        Assert.Equal("x", sample.Labels["plain"]);
    }

    [Fact]
    public void Parse_LabelValueWithBracesCommasAndSpaces_IsKeptWhole()
    {
        var sample = Single("""a{ le = "0.5" , text="{x=1, y} #" , } 2""");

        Assert.Equal("0.5", sample.Labels["le"]);
        Assert.Equal("{x=1, y} #", sample.Labels["text"]);
        Assert.Equal(2, sample.Value);
    }

    [Theory]
    [InlineData("a 1.5e+09", 1.5e9)]
    [InlineData("a -2.5E-3", -0.0025)]
    [InlineData("a 42", 42)]
    [InlineData("a +Inf", double.PositiveInfinity)]
    [InlineData("a -Inf", double.NegativeInfinity)]
    [InlineData("a NaN", double.NaN)]
    [InlineData("a{} 7", 7)]
    [InlineData("a 3 1700000000000", 3)]
    [InlineData("a{x=\"1\"} 4 -1700000000000", 4)]
    [InlineData("\ta\t5\t", 5)]
    [InlineData("a 6\r", 6)]
    [InlineData("name_with:colons_9 8", 8)]
    public void Parse_Values_ReadAsGoWritesThem(string line, double expected)
    {
        Assert.Equal(expected, Single(line).Value);
    }

    [Fact]
    public void Parse_CrLfLines_ReadLikeLfLines()
    {
        var samples = PrometheusText.Parse("# TYPE a gauge\r\na 1\r\nb{x=\"y\"} 2\r\n");

        Assert.Equal(["a", "b"], samples.Select(s => s.Name));
        Assert.Equal("y", samples[1].Labels["x"]);
    }

    [Theory]
    [InlineData("<html>", "not a metric name")]
    [InlineData("9lives 1", "not a metric name")]
    [InlineData("a-b 1", "not a metric name")]
    [InlineData("a", "no number after the metric name")]
    [InlineData("a one", "no number after the metric name")]
    [InlineData("a{x=1} 2", "expected label=\"value\"")]
    [InlineData("a{x} 2", "expected label=\"value\"")]
    [InlineData("a{x=\"1\" y=\"2\"} 3", "expected ',' or '}' after a label")]
    [InlineData("a{x=\"1} 2", "a label value has no closing quote")]
    [InlineData("a{x=\"1\\", "a label value has no closing quote")]
    [InlineData("a{x=\"\\t\"} 2", @"a label value has an escape other than \\, \"" or \n")]
    [InlineData("a{x=\"1\",x=\"2\"} 3", "label x appears twice")]
    [InlineData("a 1 12.5", "the timestamp is not whole milliseconds")]
    [InlineData("a 1 2 3", "unexpected text after the value")]
    public void Parse_MalformedLine_SaysWhichLineAndWhat(string line, string what)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse($"# TYPE a gauge\nok 1\n{line}\nlater 2\n"));

        Assert.StartsWith($"line 3: {what}: ", error.Message);
    }

    [Fact]
    public void Parse_LongMalformedLine_IsQuotedShort()
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse("<!DOCTYPE html>" + new string('x', 500)));

        Assert.True(error.Message.Length < 120, error.Message);
        Assert.EndsWith("...", error.Message);
    }
}
