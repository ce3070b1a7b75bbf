using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class ProcessStatParserTests
{
    [Fact]
    public void Parse_RecordedStat_ReadsCpuTicksThreadsAndStartTime()
    {
        var stat = ProcessStatParser.Parse(ProcFixtures.Read("pid-stat"));

        Assert.Equal(new ProcessStat(Pid: 10737, Comm: "bash", CpuTicks: 1 + 2, Threads: 1, StartTicks: 846584), stat);
    }

    [Fact]
    public void Parse_CommWithSpacesAndParentheses_ParsesFromTheLastParenthesis()
    {
        var stat = ProcessStatParser.Parse(ProcFixtures.Read("pid-stat-odd-comm"));

        Assert.Equal(new ProcessStat(Pid: 4300, Comm: "weird) na (me", CpuTicks: 1234 + 567, Threads: 7, StartTicks: 846584), stat);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4300 bash S 1")]
    [InlineData("4300 (bash) S 1 2 3")]
    public void Parse_NotAStatLine_Throws(string text)
    {
        Assert.Throws<FormatException>(() => ProcessStatParser.Parse(text));
    }
}
