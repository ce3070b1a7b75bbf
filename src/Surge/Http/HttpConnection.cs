using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Surge.Http.Transport;

namespace Surge.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection, owned by one VU: writes a request, reads its response through
/// a reusable buffer, and notes when the first response byte arrived.
/// </summary>
/// <remarks>
/// Surge speaks HTTP/1.1 over a bare socket rather than through <c>SocketsHttpHandler</c>: it needs the
/// exact moments of connect, TLS, first byte and last byte, and it must not spend a generator core on
/// connection pooling it does not use (one connection per VU, like k6). On Linux both HTTP and HTTPS go
/// through Surge's own event loop (<see cref="LoopTransport"/>, with the runtime's TLS over it).
/// </remarks>
internal sealed class HttpConnection : IDisposable
{
    private const int MaxHeadBytes = 1 << 20;
    private readonly ConnectionTransport _transport;
    private readonly bool _waitForData;

    // Rented for a response and given back once it is read whole with nothing after it: an idle
    // connection (a VU in its think time) holds no buffer, so a VU costs a few KiB, not 16 more.
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private Uri? _lastMatched;
    private int _disposed;

    public HttpConnection(string scheme, string host, int port, bool waitForDataBeforeBuffer = false)
    {
        Scheme = scheme;
        Host = host;
        Port = port;
        DescriptorLimit.Take();
        try
        {
            _transport = ConnectionTransport.Create();
            // Over TLS, waiting first costs a zero-byte read of the stream: only where many VUs ask for it.
            _waitForData = waitForDataBeforeBuffer || (_transport.WaitingIsFree && scheme == Uri.UriSchemeHttp);
        }
        catch
        {
            DescriptorLimit.Return();
            throw;
        }
    }

    public string Scheme { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Requests completed on this connection.</summary>
    public int RequestsServed { get; private set; }

    /// <summary>Bytes read for the current response.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Stopwatch timestamp of the current response's first byte, 0 before it.</summary>
    public long FirstByteTimestamp { get; private set; }

    /// <summary>Reads from the socket (or TLS) that brought bytes of the current response.</summary>
    public int ReadsForResponse { get; private set; }

    public int Status { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; } = [];

    /// <summary>The last response's headers, which the connection then forgets: an idle VU keeps none of them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TakeHeaders()
    {
        var headers = Headers;
        Headers = [];
        return headers;
    }

    public bool KeepAlive { get; private set; }

    public bool Matches(Uri url)
    {
        // Most requests reuse the same Uri object (quick mode, prepared requests): skip the host compare.
        if (ReferenceEquals(url, _lastMatched))
        {
            return true;
        }

        if (url.Port != Port || !string.Equals(url.Scheme, Scheme, StringComparison.Ordinal)
            || !string.Equals(url.IdnHost, Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _lastMatched = url;
        return true;
    }

    public ValueTask ConnectAsync(IPAddress[] addresses, CancellationToken cancellationToken) =>
        _transport.ConnectAsync(addresses, Port, cancellationToken);

    public ValueTask AuthenticateAsync(bool skipVerify, CancellationToken cancellationToken) =>
        _transport.AuthenticateAsync(Host, skipVerify, cancellationToken);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes) => _transport.WriteAsync(bytes);

    /// <summary>
    /// Completes when the response starts to arrive, where waiting is free and nothing of it is buffered yet;
    /// at once otherwise. Awaited by the session before <see cref="ReadResponseAsync"/>, so that the
    /// response is then usually read without another wait: one suspended method per request, not three.
    /// </summary>
    public ValueTask WaitForResponseAsync() =>
        _waitForData && _buffer.Length == 0 && _transport.WaitingIsFree ? _transport.WaitForDataAsync() : default;

    /// <summary>Reads one whole response; the body goes to <paramref name="body"/>, or nowhere when it is null.</summary>
    /// <exception cref="MalformedResponseException">The response is not valid HTTP/1.1, or the server closed the connection mid-response.</exception>
    /// <exception cref="ResponseBodyTooLargeException">The body does not fit in <paramref name="body"/>; the rest is left unread.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ReadResponseAsync(bool isHead, bool collectHeaders, ResponseBodyBuffer? body)
    {
        BytesReceived = 0;
        FirstByteTimestamp = 0;
        ReadsForResponse = 0;
        ResponseHead head;
        while (true)
        {
            int headEnd;
            var scanned = 0;
            while ((headEnd = ResponseHead.FindEnd(_buffer.AsSpan(_start, _end - _start), ref scanned)) < 0)
            {
                await FillAsync(allowEnd: false);
            }

            head = ResponseHead.Parse(_buffer.AsSpan(_start, headEnd + 4), collectHeaders);
            _start += headEnd + 4;
            if (head.Status is >= 200 or 101)
            {
                break;
            }
        }

        Status = head.Status;
        Headers = head.Headers;
        KeepAlive = head.KeepAlive;
        if (isHead || head.Status is 204 or 304 or 101)
        {
            // No body by definition.
        }
        else if (head.Chunked)
        {
            await ReadChunkedAsync(body);
        }
        else if (head.ContentLength >= 0)
        {
            body?.Expect(head.ContentLength);
            await ReadFixedAsync(head.ContentLength, body);
        }
        else
        {
            await ReadToEndAsync(body);
            KeepAlive = false;
        }

        RequestsServed++;
        if (_start == _end)
        {
            ReleaseBuffer();
        }
    }

    private void ReleaseBuffer()
    {
        ReceiveBufferPool.Return(_buffer);
        _buffer = [];
        _start = _end = 0;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadFixedAsync(long length, ResponseBodyBuffer? body)
    {
        while (length > 0)
        {
            if (_start == _end)
            {
                await FillAsync(allowEnd: false);
            }

            var take = (int)Math.Min(length, _end - _start);
            body?.Write(_buffer.AsSpan(_start, take));
            _start += take;
            length -= take;
        }
    }

    private async ValueTask ReadChunkedAsync(ResponseBodyBuffer? body)
    {
        while (true)
        {
            var lineLength = await ReadLineAsync();
            var line = _buffer.AsSpan(_start, lineLength);
            var semicolon = line.IndexOf((byte)';');
            if (semicolon >= 0)
            {
                line = line[..semicolon];
            }

            if (!System.Buffers.Text.Utf8Parser.TryParse(line.Trim((byte)' '), out long size, out var used, 'x') || used == 0 || size < 0)
            {
                throw new MalformedResponseException("A chunk size in a chunked response is not a hexadecimal number.");
            }

            _start += lineLength + 2;
            if (size == 0)
            {
                while ((lineLength = await ReadLineAsync()) > 0)
                {
                    _start += lineLength + 2; // trailer header, ignored
                }

                _start += 2;
                return;
            }

            await ReadFixedAsync(size, body);
            if (await ReadLineAsync() != 0)
            {
                throw new MalformedResponseException("A chunk in a chunked response is longer than its size says.");
            }

            _start += 2;
        }
    }

    /// <summary>Waits for a whole CRLF-terminated line at the read position; returns its length without the CRLF.</summary>
    private async ValueTask<int> ReadLineAsync()
    {
        int lf;
        var scanned = 0;
        while ((lf = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n')) < 0)
        {
            scanned = _end - _start;
            await FillAsync(allowEnd: false);
        }

        lf += scanned;
        return lf > 0 && _buffer[_start + lf - 1] == (byte)'\r' ? lf - 1 : throw ResponseHead.BareLf();
    }

    private async ValueTask ReadToEndAsync(ResponseBodyBuffer? body)
    {
        do
        {
            body?.Write(_buffer.AsSpan(_start, _end - _start));
            _start = _end;
        }
        while (await FillAsync(allowEnd: true));
    }

    /// <summary>Reads more bytes into the buffer; false at the end of the stream when that is allowed.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(bool allowEnd)
    {
        if (_buffer.Length == 0)
        {
            if (_waitForData)
            {
                await _transport.WaitForDataAsync();
            }

            _buffer = ReceiveBufferPool.Rent();
        }

        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else if (_buffer.Length < MaxHeadBytes)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else
            {
                throw new MalformedResponseException($"A response header block or line is longer than {MaxHeadBytes} bytes.");
            }
        }

        var read = await _transport.ReadAsync(_buffer.AsMemory(_end));
        if (read == 0)
        {
            return allowEnd
                ? false
                : throw new MalformedResponseException("The server closed the connection before the response was complete.", closedEarly: true);
        }

        if (FirstByteTimestamp == 0)
        {
            FirstByteTimestamp = Stopwatch.GetTimestamp();
        }

        ReadsForResponse++;
        BytesReceived += read;
        _end += read;
        return true;
    }

    /// <summary>Closes the socket; an operation in flight fails at once. Safe to call from any thread.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _transport.Dispose();
        DescriptorLimit.Return();
    }
}
