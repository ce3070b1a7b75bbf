using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class LoadAvgParserTests
{
    [Fact]
    public void Parse_RecordedLoadAvg_ReadsOneFiveAndFifteenMinutes()
    {
        Assert.Equal([0.79, 2.23, 1.87], LoadAvgParser.Parse(ProcFixtures.Read("host-before/loadavg")));
    }

    [Fact]
    public void Parse_TooFewFields_Throws()
    {
        Assert.Throws<FormatException>(() => LoadAvgParser.Parse("0.5 0.4\n"));
    }
}
