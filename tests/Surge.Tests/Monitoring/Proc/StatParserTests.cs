using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class StatParserTests
{
    [Fact]
    public void Parse_RecordedStat_ReadsTotalAndEveryCoreUpToSteal()
    {
        var stat = StatParser.Parse(ProcFixtures.Read("host-before/stat"));

        Assert.Equal(new CpuTimes(363062, 0, 90655, 1206246, 1245, 0, 21130, 455), stat.All);
        Assert.Equal(
            [new CpuTimes(178136, 0, 41946, 610633, 130, 0, 10152, 223), new CpuTimes(184926, 0, 48708, 595613, 1115, 0, 10978, 231)],
            stat.Cores);
        Assert.Equal(363062 + 90655 + 1206246 + 1245 + 21130 + 455, stat.All.Total);
        Assert.Equal(1206246 + 1245, stat.All.IdleAll);
    }

    [Fact]
    public void Parse_GuestColumns_AreNotAddedToTotal()
    {
        // guest (9th value) is already inside user; host-after has guest = 50 on cpu and cpu0.
        var stat = StatParser.Parse(ProcFixtures.Read("host-after/stat"));

        Assert.Equal(363182 + 90695 + 1206456 + 1255 + 21138 + 467, stat.All.Total);
    }

    [Fact]
    public void Parse_OldKernelWithFourColumns_FillsTheRestWithZero()
    {
        var stat = StatParser.Parse(ProcFixtures.Read("stat-old-kernel"));

        Assert.Equal(new CpuTimes(100, 2, 30, 400, 0, 0, 0, 0), stat.All);
        Assert.Single(stat.Cores);
    }

    [Fact]
    public void Parse_NoCpuLine_Throws()
    {
        Assert.Throws<FormatException>(() => StatParser.Parse("intr 0\nctxt 5\n"));
    }

    [Theory]
    [InlineData(75, 25, 0, 75.0)]
    [InlineData(50, 25, 25, 50.0)]
    [InlineData(0, 60, 40, 0.0)]
    [InlineData(100, 0, 0, 100.0)]
    public void BusyPercent_IdleAndIoWaitCountAsIdle(long userDelta, long idleDelta, long ioWaitDelta, double expected)
    {
        var before = new CpuTimes(1000, 0, 0, 1000, 10, 0, 0, 0);
        var after = before with { User = 1000 + userDelta, Idle = 1000 + idleDelta, IoWait = 10 + ioWaitDelta };

        Assert.Equal(expected, CpuTimes.BusyPercent(before, after)!.Value, precision: 9);
    }

    [Fact]
    public void BusyPercent_NoTickPassed_IsNull()
    {
        var times = new CpuTimes(1, 2, 3, 4, 5, 6, 7, 8);

        Assert.Null(CpuTimes.BusyPercent(times, times));
    }
}
