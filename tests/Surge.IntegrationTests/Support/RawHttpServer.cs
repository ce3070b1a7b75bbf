using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Surge.IntegrationTests.Support;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 written on raw sockets, so a test can count accepted
/// connections exactly and send replies no framework would (garbage, chunked by hand).
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, byte[]> _replyFor;
    private readonly Task _accepting;
    private int _accepted;
    private int _requests;

    public RawHttpServer(string reply)
        : this(Encoding.ASCII.GetBytes(reply))
    {
    }

    public RawHttpServer(byte[] reply)
        : this(_ => reply)
    {
    }

    /// <summary>A server whose reply depends on the request's path (<c>/big</c>, <c>/small</c>).</summary>
    public RawHttpServer(Func<string, byte[]> replyFor)
    {
        _replyFor = replyFor;
        _listener.Start(1024);
        _accepting = AcceptAsync();
    }

    public static RawHttpServer Ok() => new("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int AcceptedConnections => Volatile.Read(ref _accepted);

    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[8192];
            var pending = 0;
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer.AsMemory(pending), SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    pending += read;
                    int end;
                    while ((end = buffer.AsSpan(0, pending).IndexOf("\r\n\r\n"u8)) >= 0)
                    {
                        Interlocked.Increment(ref _requests);
                        await socket.SendAsync(_replyFor(PathOf(buffer.AsSpan(0, end))), SocketFlags.None, _stop.Token);
                        pending -= end + 4;
                        buffer.AsSpan(end + 4, pending).CopyTo(buffer);
                    }
                }
            }
            catch (Exception)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private static string PathOf(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var line = Encoding.ASCII.GetString(lineEnd < 0 ? head : head[..lineEnd]);
        var parts = line.Split(' ');
        return parts.Length > 1 ? parts[1] : "";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
