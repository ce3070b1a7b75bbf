using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class DiskStatsParserTests
{
    [Fact]
    public void Parse_RecordedDiskStats_KeepsWholeDisksInBytes()
    {
        var disks = DiskStatsParser.Parse(ProcFixtures.Read("host-before/diskstats"));

        Assert.Equal(["nvme0n1", "vda"], disks.Keys.Order());
        Assert.Equal(new ByteCounters(10474498L * 512, 3366808L * 512), disks["vda"]);
        Assert.Equal(new ByteCounters(400000L * 512, 200000L * 512), disks["nvme0n1"]);
    }

    [Fact]
    public void ParseBusyMillis_TheTenthStatisticOfEachWholeDisk()
    {
        var busy = DiskStatsParser.ParseBusyMillis(ProcFixtures.Read("host-before/diskstats"));

        Assert.Equal(["nvme0n1", "vda"], busy.Keys.Order());
        Assert.Equal(22108, busy["vda"]);
        Assert.Equal(100, busy["nvme0n1"]);
    }

    [Fact]
    public void BusiestPercent_IsTheBusiestDisksShareOfTheInterval()
    {
        var before = DiskStatsParser.ParseBusyMillis(ProcFixtures.Read("host-before/diskstats"));
        var after = DiskStatsParser.ParseBusyMillis(ProcFixtures.Read("host-after/diskstats"));

        // vda was busy 92 ms of the 200 ms, nvme0n1 10 ms.
        Assert.Equal(46, DiskStatsParser.BusiestPercent(before, after, TimeSpan.FromMilliseconds(200))!.Value, 6);
        // A counter that jumps by more than the time passed (a reading taken late) is at most 100 %.
        Assert.Equal(100, DiskStatsParser.BusiestPercent(before, after, TimeSpan.FromMilliseconds(50)));
        Assert.Null(DiskStatsParser.BusiestPercent(null, after, TimeSpan.FromSeconds(1)));
        Assert.Null(DiskStatsParser.BusiestPercent(before, after, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("sda", true)]
    [InlineData("vda", true)]
    [InlineData("xvdb", true)]
    [InlineData("nvme0n1", true)]
    [InlineData("nvme10n2", true)]
    [InlineData("mmcblk0", true)]
    [InlineData("sda1", false)]
    [InlineData("sdab12", false)]
    [InlineData("vda15", false)]
    [InlineData("xvda1", false)]
    [InlineData("nvme0n1p1", false)]
    [InlineData("mmcblk0p2", false)]
    [InlineData("loop0", false)]
    [InlineData("ram15", false)]
    [InlineData("zram0", false)]
    [InlineData("dm-0", false)]
    [InlineData("md127", false)]
    public void IsWholeDisk_SkipsPartitionsAndVirtualDevices(string device, bool whole)
    {
        Assert.Equal(whole, DiskStatsParser.IsWholeDisk(device));
    }
}
