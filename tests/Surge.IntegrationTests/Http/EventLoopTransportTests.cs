using System.Net;
using System.Net.Sockets;
using System.Text;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Http;
using Surge.Http.Transport;
using Surge.IntegrationTests.Support;
using Surge.Run;

namespace Surge.IntegrationTests.Http;

/// <summary>Plain HTTP through Surge's own event loop: the cases its readiness bookkeeping must get right.</summary>
public class EventLoopTransportTests
{
    [Fact]
    public async Task ScriptCode_ResumesOffTheEventLoop_SoABlockedScriptDoesNotStallOtherVus()
    {
        await using var server = RawHttpServer.Ok();
        var request = new HttpRequest("GET", server.Url);
        using var othersDone = new ManualResetEventSlim();
        var others = Environment.ProcessorCount * 4; // more than one per loop: some share the blocked VU's loop
        var progress = new int[others + 1];
        var onLoop = 0;
        var released = false;
        var plan = new TestPlan
        {
            Scenarios =
            [
                new Scenario(
                    "blocking",
                    new ConstantVusOptions { Vus = others + 1, Duration = TimeSpan.FromSeconds(60), GracefulStop = TimeSpan.FromSeconds(5) },
                    async (vu, ct) =>
                    {
                        await vu.Http.SendAsync(request);
                        if (EventLoop.OnLoopThread)
                        {
                            Interlocked.Increment(ref onLoop);
                        }

                        if (vu.Id == 1)
                        {
                            // Blocks its thread (what a script must not do) until every other VU has sent 20
                            // requests since: they can only if this thread is not the one reading their responses.
                            Array.Clear(progress);
                            released = othersDone.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
                            await Task.Delay(Timeout.Infinite, ct);
                        }

                        if (Interlocked.Increment(ref progress[vu.Id - 1]) == 20 && progress.Count(p => p >= 20) == others)
                        {
                            othersDone.Set();
                        }
                    }),
            ],
            Http = new HttpOptions(),
        };
        using var control = new TestRunControl();
        var run = RunService.RunAsync(plan, [], control);
        await Task.Run(() => othersDone.Wait(TimeSpan.FromSeconds(40)));
        control.RequestStop();
        control.RequestStop();
        var summary = (await run.WaitAsync(TimeSpan.FromSeconds(20))).Summary;

        Assert.True(released, "the other VUs stalled while one VU blocked its thread");
        Assert.Equal(0, Volatile.Read(ref onLoop));
        Assert.Empty(summary.ErrorCounts());
    }

    [Fact]
    public async Task LargeBody_IsSentWhole_WhenTheSocketBuffersFill()
    {
        // 32 MiB to a server that reads nothing for a while: more than the kernel buffers hold, so sending
        // must wait for the socket to become writable again, perhaps many times.
        const int size = 32 << 20;
        await using var server = new ScriptedServer(async socket =>
        {
            var head = await ReadHeadAsync(socket);
            await Task.Delay(300);
            var length = int.Parse(HeaderValue(head.Text, "Content-Length"), System.Globalization.CultureInfo.InvariantCulture);
            var received = head.Extra;
            var buffer = new byte[1 << 16];
            while (received < length)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                received += read;
            }

            var reply = $"{received}";
            await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {reply.Length}\r\n\r\n{reply}"), SocketFlags.None);
        });
        HttpResponse? response = null;

        var summary = await Runs.OnceAsync(new HttpOptions(), async http => response = await http.PostAsync(server.Url.ToString(), HttpBody.Bytes(new byte[size])));

        Assert.Equal(200, response!.Status);
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), response.BodyText);
        Assert.Equal(1, summary.Metric("http_reqs").Sum);
        Assert.True(summary.Metric("data_sent").Sum > size);
    }

    [Fact]
    public async Task ResponseTrickledInPieces_IsReadWhole()
    {
        // Head split inside a line and the body in three writes, with pauses between: each piece must wake
        // the reader, or the request would hang until its timeout.
        var pieces = new[] { "HTTP/1.1 200 OK\r\nContent-Le", "ngth: 13\r\n", "\r\nHel", "lo, wo", "rld!" };
        await using var server = new ScriptedServer(async socket =>
        {
            await ReadHeadAsync(socket);
            foreach (var piece in pieces)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(piece), SocketFlags.None);
                await Task.Delay(30);
            }
        });
        HttpResponse? response = null;

        var summary = await Runs.OnceAsync(
            new HttpOptions { Timeout = TimeSpan.FromSeconds(20) },
            async http => response = await http.GetAsync(server.Url.ToString()));

        Assert.Empty(summary.ErrorCounts());
        Assert.Equal("Hello, world!", response!.BodyText);
        Assert.True(summary.Metric("http_req_receiving").Max > 0, "the body came after the first byte, so receiving took time");
    }

    [Fact]
    public async Task BodyEndedByTheServerClosing_IsReadWhole_WhenDataAndCloseComeTogether()
    {
        // No Content-Length: the body ends when the server closes. Written and closed at once, the data and
        // the end of the stream often reach the client as one readiness event, which must not be lost.
        await using var server = new ScriptedServer(async socket =>
        {
            await ReadHeadAsync(socket);
            await socket.SendAsync("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello"u8.ToArray(), SocketFlags.None);
            socket.Shutdown(SocketShutdown.Both);
            socket.Close();
            throw new IOException("This connection is done."); // ends its serving loop
        });

        var summary = await Runs.IterationsAsync(new HttpRequest("GET", server.Url), vus: 2, iterations: 40);

        Assert.Empty(summary.ErrorCounts());
        Assert.Equal(40, summary.Metric("http_reqs").Sum);
        Assert.Equal(40, server.Connections);
    }

    [Fact]
    public async Task Ipv6Loopback_IsConnectedTo()
    {
        await using var server = new ScriptedServer(async socket =>
        {
            await ReadHeadAsync(socket);
            await socket.SendAsync("HTTP/1.1 204 No Content\r\n\r\n"u8.ToArray(), SocketFlags.None);
        }, IPAddress.IPv6Loopback);

        var summary = await Runs.IterationsAsync(new HttpRequest("GET", server.Url), vus: 1, iterations: 3);

        Assert.Empty(summary.ErrorCounts());
        Assert.Equal(3, summary.Metric("http_reqs").Sum);
        Assert.Equal(1, server.Connections); // kept alive over IPv6 too
    }

    [Fact]
    public async Task ThreadsResumingScripts_AskForTheShortestTimeSlice()
    {
        await using var server = RawHttpServer.Ok();
        var slices = new List<long>();
        var summary = await Runs.OnceAsync(new HttpOptions(), async http =>
        {
            for (var i = 0; i < 5; i++)
            {
                await http.SendAsync(new HttpRequest("GET", server.Url));
                slices.Add(Slice()); // where the script goes on
            }
        });

        Assert.Empty(summary.ErrorCounts());
        Assert.Equal(5, slices.Count);
        // Kernels before 6.12 have no slice to ask for, and only later ones show it (se.slice, 6.14 and backports).
        if (OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(6, 12) && slices[0] != -1)
        {
            Assert.All(slices, slice => Assert.Equal(100_000, slice)); // ns
        }
    }

    /// <summary>This thread's time slice in ns (<c>se.slice</c> of /proc/thread-self/sched); -1 where not shown.</summary>
    private static long Slice()
    {
        const string file = "/proc/thread-self/sched";
        if (!File.Exists(file))
        {
            return -1;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("se.slice", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(string Text, int Extra)> ReadHeadAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("The client closed before a whole head.");
            }

            filled += read;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (Encoding.ASCII.GetString(buffer, 0, end), filled - end - 4);
            }
        }
    }

    private static string HeaderValue(string head, string name) =>
        head.Split("\r\n").First(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))[(name.Length + 1)..].Trim();

    /// <summary>A server on loopback that runs <c>serve</c> for each connection, for as many requests as it handles.</summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Func<Socket, Task> _serve;
        private readonly Task _accepting;
        private readonly List<Socket> _sockets = [];
        private int _connections;

        public ScriptedServer(Func<Socket, Task> serve, IPAddress? address = null)
        {
            _serve = serve;
            _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public Uri Url
        {
            get
            {
                var endpoint = (IPEndPoint)_listener.LocalEndpoint;
                var host = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
                return new Uri($"http://{host}:{endpoint.Port}/");
            }
        }

        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync();
                }
                catch (Exception)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                lock (_sockets)
                {
                    _sockets.Add(socket);
                }

                _ = Task.Run(async () =>
                {
                    try
                    {
                        while (true)
                        {
                            await _serve(socket);
                        }
                    }
                    catch (Exception)
                    {
                        // The client went away, or the server is stopping.
                    }
                });
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accepting;
            lock (_sockets)
            {
                _sockets.ForEach(s => s.Dispose());
            }
        }
    }
}
