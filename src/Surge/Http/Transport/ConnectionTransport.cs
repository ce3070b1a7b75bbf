using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Surge.Http.Transport;

/// <summary>The bytes under one HTTP/1.1 connection: Surge's event loop for plain HTTP on Linux, the runtime's sockets (and TLS) otherwise.</summary>
internal abstract class ConnectionTransport : IDisposable
{
    /// <summary>Which transport plain HTTP uses: <c>SURGE_TRANSPORT=sockets</c> picks the runtime's sockets (to compare, or as a way out).</summary>
    private static readonly bool s_loopForPlainHttp = OperatingSystem.IsLinux()
        && !string.Equals(Environment.GetEnvironmentVariable("SURGE_TRANSPORT"), "sockets", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when waiting for data costs no system call: a connection then takes its receive buffer only once data is there.</summary>
    public abstract bool WaitingIsFree { get; }

    /// <summary>A transport for a connection to <paramref name="scheme"/>.</summary>
    public static ConnectionTransport For(string scheme) =>
        s_loopForPlainHttp && scheme == Uri.UriSchemeHttp ? new LoopTransport() : new RuntimeTransport();

    /// <summary>Connects to the first of <paramref name="addresses"/> that accepts.</summary>
    public abstract ValueTask ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken);

    /// <summary>Starts TLS over the connection (runtime sockets only).</summary>
    public virtual ValueTask AuthenticateAsync(string host, bool skipVerify, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("TLS runs over the runtime's sockets.");

    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> bytes);

    /// <summary>Completes when bytes (or the end of the stream) are there to read.</summary>
    public abstract ValueTask WaitForDataAsync();

    /// <summary>Reads what is there, waiting for something if nothing is; 0 at the end of the stream.</summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer);

    /// <summary>Closes; an operation in flight fails at once. Safe from any thread.</summary>
    public abstract void Dispose();
}

/// <summary>Plain HTTP over <see cref="LoopSocket"/>: non-blocking system calls, waits on the event loop.</summary>
internal sealed class LoopTransport : ConnectionTransport
{
    private LoopSocket? _socket;
    private volatile bool _disposed;

    public override bool WaitingIsFree => true;

    private LoopSocket Socket => _socket ?? throw new InvalidOperationException("Not connected.");

    public override async ValueTask ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        using var cancel = cancellationToken.UnsafeRegister(static state => ((LoopTransport)state!).Dispose(), this);
        SocketException? failure = null;
        foreach (var address in addresses)
        {
            if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                continue;
            }

            LoopSocket socket;
            try
            {
                socket = LoopSocket.Open(address.AddressFamily);
            }
            catch (SocketException exception) when (!_disposed)
            {
                failure = exception; // this family is not there (IPv6 turned off): try the next address
                continue;
            }

            // Published with a full fence, as Dispose sets its flag with one: one of them sees the other.
            Interlocked.Exchange(ref _socket, socket);
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                await socket.ConnectAsync(address, port);
                return;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new OperationCanceledException(cancellationToken);
            }
            catch (SocketException exception) when (!_disposed)
            {
                // As the runtime does for several addresses (localhost: ::1, then 127.0.0.1): try the next.
                socket.Dispose();
                failure = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        var sent = Socket.TrySend(bytes.Span);
        return sent == bytes.Length ? default : WriteRestAsync(bytes[Math.Max(sent, 0)..]);
    }

    private async ValueTask WriteRestAsync(ReadOnlyMemory<byte> rest)
    {
        while (rest.Length > 0)
        {
            await Socket.WaitWritableAsync();
            var sent = Socket.TrySend(rest.Span);
            if (sent > 0)
            {
                rest = rest[sent..];
            }
        }
    }

    public override ValueTask WaitForDataAsync() => Socket.WaitReadableAsync();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer)
    {
        var socket = Socket;
        if (socket.Readable)
        {
            var read = socket.TryReceive(buffer.Span);
            if (read >= 0)
            {
                return new ValueTask<int>(read);
            }
        }

        return ReadWhenReadyAsync(buffer);
    }

    private async ValueTask<int> ReadWhenReadyAsync(Memory<byte> buffer)
    {
        while (true)
        {
            await Socket.WaitReadableAsync();
            var read = Socket.TryReceive(buffer.Span);
            if (read >= 0)
            {
                return read;
            }
        }
    }

    public override void Dispose()
    {
        _disposed = true;
        Interlocked.MemoryBarrier();
        Volatile.Read(ref _socket)?.Dispose();
    }
}

/// <summary>The runtime's <see cref="System.Net.Sockets.Socket"/>, with <see cref="SslStream"/> for HTTPS.</summary>
internal sealed class RuntimeTransport : ConnectionTransport
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private SslStream? _tls;

    public override bool WaitingIsFree => false;

    public override async ValueTask ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken) =>
        await _socket.ConnectAsync(addresses, port, cancellationToken);

    public override async ValueTask AuthenticateAsync(string host, bool skipVerify, CancellationToken cancellationToken)
    {
        _tls = new SslStream(new NetworkStream(_socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (skipVerify)
        {
            // Only with --insecure / insecureSkipTLSVerify: test servers often have self-signed certificates.
#pragma warning disable CA5359
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        await _tls.AuthenticateAsClientAsync(options, cancellationToken);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        if (_tls is not null)
        {
            await _tls.WriteAsync(bytes);
            return;
        }

        while (bytes.Length > 0)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    public override async ValueTask WaitForDataAsync()
    {
        if (_tls is null)
        {
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None); // a zero-byte receive: returns once data is there
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer) =>
        _tls is not null ? _tls.ReadAsync(buffer) : _socket.ReceiveAsync(buffer, SocketFlags.None);

    public override void Dispose()
    {
        _tls?.Dispose();
        _socket.Dispose();
    }
}
