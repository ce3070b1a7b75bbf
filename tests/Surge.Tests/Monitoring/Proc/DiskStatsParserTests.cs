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
