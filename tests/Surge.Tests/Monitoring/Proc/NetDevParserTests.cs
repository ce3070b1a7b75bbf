using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class NetDevParserTests
{
    [Fact]
    public void Parse_RecordedNetDev_ReadsRxAndTxPerInterfaceWithoutLoopback()
    {
        var interfaces = NetDevParser.Parse(ProcFixtures.Read("host-before/net/dev"));

        Assert.Equal(["eth0", "eth1", "ifb0"], interfaces.Keys.Order());
        Assert.Equal(new ByteCounters(76847786, 131933), interfaces["eth0"]);
        Assert.Equal(new ByteCounters(1000000, 2000000), interfaces["eth1"]);
        Assert.Equal(76847786 + 1000000, interfaces.Values.Sum(static c => c.InBytes));
        Assert.Equal(131933 + 2000000, interfaces.Values.Sum(static c => c.OutBytes));
    }

    [Fact]
    public void Parse_OldKernelWithNoSpaceAfterTheColon_StillSplitsTheName()
    {
        var interfaces = NetDevParser.Parse(ProcFixtures.Read("net-dev-old-kernel"));

        Assert.Equal(new ByteCounters(4294967296, 123456789), Assert.Single(interfaces).Value);
        Assert.Equal("eth0", interfaces.Keys.Single());
    }

    [Fact]
    public void RatesPerSecond_OnlyInterfacesInBothReadings_Count()
    {
        var before = NetDevParser.Parse(ProcFixtures.Read("host-before/net/dev"));
        var after = NetDevParser.Parse(ProcFixtures.Read("host-after/net/dev"));

        var rates = ByteCounters.RatesPerSecond(before, after, TimeSpan.FromSeconds(2));

        // veth9 appears only after, with 5 GB on its counters; it must not show as 2.5 GB/s.
        Assert.Equal((3_200_000 / 2.0, 1_600_000 / 2.0), rates);
    }

    [Fact]
    public void RatesPerSecond_CounterWentDown_CountsZeroForThatDevice()
    {
        var before = new Dictionary<string, ByteCounters> { ["eth0"] = new(1000, 1000), ["eth1"] = new(0, 0) };
        var after = new Dictionary<string, ByteCounters> { ["eth0"] = new(10, 10), ["eth1"] = new(400, 200) };

        Assert.Equal((400.0, 200.0), ByteCounters.RatesPerSecond(before, after, TimeSpan.FromSeconds(1)));
        Assert.Null(ByteCounters.RatesPerSecond(before, after, TimeSpan.Zero));
        Assert.Null(ByteCounters.RatesPerSecond(null, after, TimeSpan.FromSeconds(1)));
    }
}
