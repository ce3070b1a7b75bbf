using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Surge.Cli.Tests.Support;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 of a known capacity: one worker serves the requests of every connection
/// one at a time, each taking a fixed service time, so it answers at most 1 s ÷ service time per second.
/// The worker waits rather than computes, and keeps to an absolute schedule (a late wake-up is made up on
/// the next request), so a busy machine hardly moves its capacity.
/// </summary>
public sealed class SingleWorkerServer : IAsyncDisposable
{
    private static readonly byte[] Reply = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _worker = new(1, 1);
    private readonly long _serviceTicks;
    private readonly Task _accepting;
    private long _nextFree;

    public SingleWorkerServer(TimeSpan serviceTime)
    {
        _serviceTicks = (long)(serviceTime.TotalSeconds * Stopwatch.Frequency);
        _listener.Start(4096);
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _ = ServeAsync(await _listener.AcceptSocketAsync(_stop.Token));
            }
            catch (Exception)
            {
                return;
            }
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
                        await WorkAsync();
                        await socket.SendAsync(Reply, SocketFlags.None, _stop.Token);
                        var rest = pending - (end + 4);
                        buffer.AsSpan(end + 4, rest).CopyTo(buffer);
                        pending = rest;
                    }
                }
            }
            catch (Exception)
            {
                // The client went away, or the server stops.
            }
        }
    }

    /// <summary>One request's turn of the worker: it starts when the worker is free and ends one service time later.</summary>
    private async Task WorkAsync()
    {
        await _worker.WaitAsync(_stop.Token);
        try
        {
            // A worker that was busy until now starts the next request when the last one was due to end, not
            // when it woke late: wake-ups that come late on a loaded machine are made up, and a backlog is
            // served at exactly one request per service time. Only after a real idle stretch does it start afresh.
            var now = Stopwatch.GetTimestamp();
            _nextFree = (now - _nextFree > _serviceTicks ? now : _nextFree) + _serviceTicks;
            var wait = Stopwatch.GetElapsedTime(now, _nextFree);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _stop.Token);
            }
        }
        finally
        {
            _worker.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
        _worker.Dispose();
    }
}
