using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class TcpStatesParserTests
{
    [Fact]
    public void AddCounts_Tcp_CountsByState()
    {
        var counts = new Dictionary<string, int>();

        TcpStatesParser.AddCounts(ProcFixtures.Read("host-before/net/tcp"), counts);

        Assert.Equal(new Dictionary<string, int> { ["LISTEN"] = 2, ["ESTABLISHED"] = 3, ["TIME_WAIT"] = 1 }, counts);
    }

    [Fact]
    public void AddCounts_Tcp6AfterTcp_AddsToTheSameStates()
    {
        var counts = new Dictionary<string, int>();

        TcpStatesParser.AddCounts(ProcFixtures.Read("host-before/net/tcp"), counts);
        TcpStatesParser.AddCounts(ProcFixtures.Read("host-before/net/tcp6"), counts);

        Assert.Equal(
            new Dictionary<string, int> { ["LISTEN"] = 3, ["ESTABLISHED"] = 4, ["TIME_WAIT"] = 1, ["CLOSE_WAIT"] = 1 },
            counts);
    }

    [Theory]
    [InlineData("01", "ESTABLISHED")]
    [InlineData("02", "SYN_SENT")]
    [InlineData("03", "SYN_RECV")]
    [InlineData("04", "FIN_WAIT1")]
    [InlineData("05", "FIN_WAIT2")]
    [InlineData("06", "TIME_WAIT")]
    [InlineData("07", "CLOSE")]
    [InlineData("08", "CLOSE_WAIT")]
    [InlineData("09", "LAST_ACK")]
    [InlineData("0A", "LISTEN")]
    [InlineData("0B", "CLOSING")]
    public void AddCounts_EveryHexState_HasItsName(string hex, string name)
    {
        var counts = new Dictionary<string, int>();

        TcpStatesParser.AddCounts($"   0: 0100007F:1F90 0100007F:D2C4 {hex} 00000000:00000000 00:00000000 00000000  1000        0 1 1\n", counts);

        Assert.Equal(1, Assert.Single(counts, pair => pair.Key == name).Value);
    }

    [Fact]
    public void AddCounts_InternalState_IsSkipped()
    {
        var counts = new Dictionary<string, int>();

        TcpStatesParser.AddCounts("   0: 0100007F:1F90 0100007F:D2C4 0C 00000000:00000000 00:00000000 00000000  1000        0 1 1\n", counts);

        Assert.Empty(counts);
    }
}
