using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Reliability;

/// <summary>TPS is what the server got done: a dead server has none, however fast its refusals come.</summary>
public class TpsTests
{
    [Fact]
    public async Task TpsGoal_AgainstADeadServer_Fails_AndTheSummarySaysNoResponses()
    {
        using var dir = new TempDirectory();
        var url = $"http://127.0.0.1:{ClosedPort()}/";

        var result = await SurgeProcess.RunAsync(
            dir.Path, "run", "--url", url, "--vus", "2", "--duration", "1s", "--goal", "tps>=1", "--summary-export", "summary.json");

        Assert.Equal(99, result.ExitCode); // it passed at "6,019/s" of refused connections
        Assert.Contains("✗ goal tps>=1", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"TPS\.+: 0/s  \(0 responses in [0-9.]+m?s of load; [0-9,]+ requests got none\)", result.Stdout);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        var surge = summary.RootElement.GetProperty("surge");
        Assert.Equal(0, surge.GetProperty("tps").GetDouble());
        Assert.Equal(0, surge.GetProperty("responses").GetDouble());
    }

    private static int ClosedPort()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
