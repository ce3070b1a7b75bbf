using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Surge.Lab.Topology;

/// <summary>
/// A slow network link in front of the far static origin: a TCP relay that delivers every byte half a round
/// trip later than it arrived, in each direction, keeping the order. Nothing in the bytes is changed.
/// </summary>
/// <remarks>
/// The delay is applied to the time a chunk arrived, not after the previous chunk was sent, so a stream is
/// delayed by the one-way latency once rather than once per chunk: a connection behaves like one with a longer
/// round trip, and bandwidth is left to the origin's own limit. It runs in the lab process (it is the network,
/// not a server), so its CPU is no server's.
/// </remarks>
internal sealed class DelayLink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly TimeSpan _oneWay;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public DelayLink(IPEndPoint listen, IPEndPoint target, TimeSpan roundTrip)
    {
        _target = target;
        _oneWay = roundTrip / 2;
        _listener = new TcpListener(listen);
        _listener.Start(512);
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                await Task.WhenAny(PumpAsync(client, server, done.Token), PumpAsync(server, client, done.Token));
                await done.CancelAsync();
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // A closed side or a stopping lab ends the relay; either peer sees the close.
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var chunks = Channel.CreateUnbounded<(long Arrived, byte[] Bytes, int Count)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var sending = Task.Run(
            async () =>
            {
                await foreach (var (arrived, bytes, count) in chunks.Reader.ReadAllAsync(ct))
                {
                    var due = _oneWay - Stopwatch.GetElapsedTime(arrived);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, ct);
                    }

                    if (count == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await to.SendAsync(bytes.AsMemory(0, count), ct);
                }
            },
            ct);
        try
        {
            while (true)
            {
                var buffer = new byte[64 * 1024];
                var read = await from.ReceiveAsync(buffer, ct);
                chunks.Writer.TryWrite((Stopwatch.GetTimestamp(), buffer, read));
                if (read == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            chunks.Writer.TryComplete();
        }

        await sending;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
