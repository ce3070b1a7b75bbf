using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Surge.Http.Transport;

/// <summary>
/// The bytes under one HTTP/1.1 connection: Surge's event loop on Linux (with <see cref="SslStream"/> over it for
/// HTTPS), the runtime's sockets elsewhere.
/// </summary>
internal abstract class ConnectionTransport : IDisposable
{
    /// <summary>Whether connections use the event loop: <c>SURGE_TRANSPORT=sockets</c> picks the runtime's sockets (to compare, or as a way out).</summary>
    private static readonly bool s_loop = OperatingSystem.IsLinux()
        && !string.Equals(Environment.GetEnvironmentVariable("SURGE_TRANSPORT"), "sockets", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when waiting for data costs no system call: a connection then takes its receive buffer only once data is there.</summary>
    public abstract bool WaitingIsFree { get; }

    /// <summary>A transport for a connection (HTTP or HTTPS: TLS starts with <see cref="AuthenticateAsync"/>).</summary>
    public static ConnectionTransport Create() => s_loop ? new LoopTransport() : new RuntimeTransport();

    /// <summary>Connects to the first of <paramref name="addresses"/> that accepts.</summary>
    public abstract ValueTask ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken);

    /// <summary>Starts TLS over the connection; from then on, reads and writes are of the plain text.</summary>
    public abstract ValueTask AuthenticateAsync(string host, bool skipVerify, CancellationToken cancellationToken);

    /// <summary>The client options of a TLS handshake with <paramref name="host"/>.</summary>
    protected static SslClientAuthenticationOptions TlsOptions(string host, bool skipVerify)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (skipVerify)
        {
            // Only with --insecure / insecureSkipTLSVerify: test servers often have self-signed certificates.
#pragma warning disable CA5359
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359

            // The runtime still builds the server's chain for the callback. With the system's roots that meant
            // loading and sorting some 150 certificates per handshake: 3,000 connections opening at once spent
            // most of their first seconds there. Trusting nothing, the chain ends at the server's own certificates.
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
        }

        return options;
    }

    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> bytes);

    /// <summary>Completes when bytes (or the end of the stream) are there to read.</summary>
    public abstract ValueTask WaitForDataAsync();

    /// <summary>Reads what is there, waiting for something if nothing is; 0 at the end of the stream.</summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer);

    /// <summary>Closes; an operation in flight fails at once. Safe from any thread.</summary>
    public abstract void Dispose();
}

/// <summary>
/// A connection over <see cref="LoopSocket"/>: non-blocking system calls, waits on the event loop. For HTTPS,
/// the runtime's <see cref="SslStream"/> runs over it: encryption and decryption happen where the bytes
/// arrive, on the loop thread, as the rest of Surge's HTTP work does. The handshake does not: its key
/// exchange and certificate check (which may even fetch a missing intermediate certificate) go on off the
/// loop, so a ramp-up of new connections does not hold up the responses of those already open.
/// </summary>
internal sealed class LoopTransport : ConnectionTransport
{
    private LoopSocket? _socket;
    private volatile SslStream? _tls;
    private volatile bool _disposed;

    // With TLS, bytes on the socket may be no response yet (a session ticket), and the stream may hold
    // decrypted bytes the socket no longer shows: only a read of the stream tells.
    public override bool WaitingIsFree => _tls is null;

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

    public override async ValueTask AuthenticateAsync(string host, bool skipVerify, CancellationToken cancellationToken)
    {
        // The stream ignores tokens: a cancel closes the socket, which fails the handshake's wait at once.
        using var cancel = cancellationToken.UnsafeRegister(static state => ((LoopTransport)state!).Dispose(), this);
        var tls = new SslStream(new PlainStream(this), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(TlsOptions(host, skipVerify), CancellationToken.None);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            tls.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch
        {
            tls.Dispose();
            throw;
        }

        _tls = tls;
        Interlocked.MemoryBarrier(); // as in Dispose: either it sees the stream, or this sees its flag
        if (_disposed)
        {
            tls.Dispose();
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> bytes) => _tls is null ? WritePlainAsync(bytes) : _tls.WriteAsync(bytes);

    public override ValueTask WaitForDataAsync() => _tls is null ? Socket.WaitReadableAsync() : WaitForPlainTextAsync(_tls);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer) => _tls is null ? ReadPlainAsync(buffer) : _tls.ReadAsync(buffer);

    public override void Dispose()
    {
        _disposed = true;
        Interlocked.MemoryBarrier();
        Volatile.Read(ref _socket)?.Dispose(); // first: a read or write in flight fails at once
        _tls?.Dispose();
    }

    /// <summary>A zero-byte read of the TLS stream: done once it holds decrypted bytes, with no buffer taken before.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask WaitForPlainTextAsync(SslStream tls) => _ = await tls.ReadAsync(Memory<byte>.Empty);

    private ValueTask WritePlainAsync(ReadOnlyMemory<byte> bytes)
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

    private ValueTask<int> ReadPlainAsync(Memory<byte> buffer)
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

    /// <summary>The connection's bytes as they go over the wire, as the stream <see cref="SslStream"/> reads and writes.</summary>
    private sealed class PlainStream(LoopTransport transport) : Stream
    {
        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        // An empty buffer is a wait for data (SslStream's zero-byte read), as a socket's zero-byte receive is.
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            transport._tls is null ? ReadInHandshakeAsync(buffer)
            : buffer.IsEmpty ? WaitThenNothingAsync()
            : transport.ReadPlainAsync(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            transport.WritePlainAsync(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        // Surge never calls SslStream's blocking methods; nothing may block a loop thread.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // SslStream may write an alert this way when a handshake fails: sent if the socket takes it now, never waited for.
        public override void Write(byte[] buffer, int offset, int count) => _ = transport.Socket.TrySend(buffer.AsSpan(offset, count));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<int> WaitThenNothingAsync()
        {
            await transport.Socket.WaitReadableAsync();
            return 0;
        }

        // What the handshake does with the bytes it read (a key exchange, a certificate check) is not the loop's work.
        private async ValueTask<int> ReadInHandshakeAsync(Memory<byte> buffer)
        {
            var read = buffer.IsEmpty ? await WaitThenNothingAsync() : await transport.ReadPlainAsync(buffer);
            await EventLoop.LeaveAsync();
            return read;
        }
    }
}

/// <summary>The runtime's <see cref="System.Net.Sockets.Socket"/>, with <see cref="SslStream"/> for HTTPS (not Linux, or <c>SURGE_TRANSPORT=sockets</c>).</summary>
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
        await _tls.AuthenticateAsClientAsync(TlsOptions(host, skipVerify), cancellationToken);
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
