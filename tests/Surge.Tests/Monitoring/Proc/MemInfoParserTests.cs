using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class MemInfoParserTests
{
    [Fact]
    public void Parse_RecordedMemInfo_ConvertsKibibytesToBytes()
    {
        var memory = MemInfoParser.Parse(ProcFixtures.Read("host-before/meminfo"));

        Assert.Equal(24684092L * 1024, memory.TotalBytes);
        Assert.Equal(24144976L * 1024, memory.AvailableBytes);
        Assert.Equal((24684092L - 24144976L) * 1024, memory.UsedBytes);
        Assert.Equal(2097148L * 1024, memory.SwapTotalBytes);
        Assert.Equal(1048572L * 1024, memory.SwapFreeBytes);
        Assert.Equal(1024L * 1024 * 1024, memory.SwapUsedBytes);
    }

    [Fact]
    public void Parse_NoMemAvailable_FallsBackToFreePlusBuffersPlusCached()
    {
        var memory = MemInfoParser.Parse(ProcFixtures.Read("meminfo-without-available"));

        Assert.Equal((512000L + 64000 + 256000) * 1024, memory.AvailableBytes);
        Assert.Equal((2048000L - 832000) * 1024, memory.UsedBytes);
        Assert.Equal(0, memory.SwapUsedBytes);
    }

    [Fact]
    public void Parse_NoMemTotal_Throws()
    {
        Assert.Throws<FormatException>(() => MemInfoParser.Parse("MemFree:  100 kB\n"));
    }
}
