using System.Net;
using System.Net.Sockets;

namespace Surge.Cli.Tests.Support;

/// <summary>Ports on 127.0.0.1 for the listeners a test starts.</summary>
public static class Ports
{
    /// <summary>A port free a moment ago.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something listens on <paramref name="port"/>, at most a minute (a cold start on a loaded machine is slow).</summary>
    public static async Task WaitUntilListeningAsync(int port)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"nothing listened on {port} within 60 s");
    }
}
