using Surge.Cli.Distributed;
using Surge.Configuration;

namespace Surge.Cli.Tests.Distributed;

/// <summary>How <c>surge run --generators N</c> starts its generators, and the flags of a distributed run.</summary>
public sealed class LocalGeneratorsTests
{
    private static readonly Uri Join = new("http://127.0.0.1:40000/");

    [Fact]
    public void ChildArguments_KeepTheTest_LeaveTheParentsOutputs_AddTheSegment()
    {
        string[] parent = ["run", "shop.cs", "--vus", "9", "--generators", "3", "--out", "m.ndjson", "--summary-export=s.json", "-q", "--tag", "a=b", "--monitor", "local", "--duration", "5s"];

        var first = LocalGenerators.ChildArguments(parent, "0:1/3", "0,1/3,2/3,1", Join, "T", keepMonitors: true);
        var second = LocalGenerators.ChildArguments(parent, "1/3:2/3", "0,1/3,2/3,1", Join, "T", keepMonitors: false);

        Assert.Equal(
            ["run", "shop.cs", "--vus", "9", "--monitor", "local", "--duration", "5s", "--execution-segment", "0:1/3", "--execution-segment-sequence", "0,1/3,2/3,1",
             "--join", "http://127.0.0.1:40000/", "--token", "T", "--quiet", "--no-history"],
            first);
        Assert.Equal(["run", "shop.cs", "--vus", "9", "--duration", "5s"], second.Take(6));
    }

    [Fact]
    public void StartInfo_RunsThisProgramWithTheArguments_AndTheThreadPoolsHillClimbingOff()
    {
        var start = LocalGenerators.StartInfo("/opt/surge/surge", viaDotnet: false, ["run", "shop.cs", "--vus", "9"]);

        Assert.Equal("/opt/surge/surge", start.FileName);
        Assert.Equal(["run", "shop.cs", "--vus", "9"], start.ArgumentList);
        // Off, unless this process's environment already chose (then the generator inherits that choice).
        Assert.Equal(Environment.GetEnvironmentVariable(LocalGenerators.HillClimbingVariable) ?? "1", start.Environment[LocalGenerators.HillClimbingVariable]);
        Assert.False(start.UseShellExecute);
    }

    [Theory]
    [InlineData(false, "http://a:1", "0:1/2", null, "--join needs --token")]
    [InlineData(false, "http://a:1", null, "T", "--join needs --execution-segment")]
    [InlineData(false, "ftp://a:1", "0:1/2", "T", "is not the aggregator's address")]
    [InlineData(false, null, null, "T", "--token and --require-all are for distributed tests")]
    [InlineData(true, null, null, null, "surge aggregate needs --token")]
    [InlineData(true, "http://a:1", null, "T", "surge aggregate runs no segment itself")]
    public void From_FlagsThatDoNotFit_OneLineSaysWhatToGive(bool aggregate, string? join, string? segment, string? token, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Distribution.From(aggregate, null, join, token, generators: aggregate ? 2 : null, segment, null, requireAll: false));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualParts_CutsTheTestEvenly()
    {
        Assert.Equal("0,1/3,2/3,1", Distribution.EqualParts(3).ToString());
        Assert.Equal("0,1", Distribution.EqualParts(1).ToString());
    }
}
