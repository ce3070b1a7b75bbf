using System.Diagnostics;
using System.Net;
using Surge.Metrics;

namespace Surge.Http;

/// <summary>
/// A VU's HTTP client: one keep-alive connection per origin, each request timed phase by phase and
/// recorded into the k6 HTTP metrics. Not thread-safe: a VU runs one request at a time.
/// </summary>
internal sealed class HttpSession : IDisposable
{
    private const int Idle = 0;
    private const int InFlight = 1;
    private const int TimedOut = 2;
    private const int Aborted = 3;

    private readonly HttpRecorder _recorder;
    private readonly TimeoutWatchdog _watchdog;
    private HttpConnection[] _connections = [];
    private HttpConnection? _current;
    private readonly HttpRecorder.LastSeries _lastSeries = new();

    // Phase timestamps of the request in flight (Stopwatch ticks, 0 = not reached). Fields, not a
    // per-request object: a session runs one request at a time.
    private long _start;
    private long _connectStart;
    private long _connected;
    private long _tlsDone;
    private long _sendStart;
    private long _sendEnd;
    private long _firstByte;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private long _end;
    private TimeSpan _descriptorBackoff;
    private int _state;
    private int _sending;
    private HttpResponse? _response;
    private long _deadline;
    private bool _disposed;

    internal HttpSession(HttpRecorder recorder, TimeoutWatchdog watchdog, TagSet tags)
    {
        _recorder = recorder;
        _watchdog = watchdog;
        Tags = tags;
        watchdog.Add(this);
    }

    /// <summary>The slot this session holds in its run's <see cref="TimeoutWatchdog"/>; -1 when it holds none. Set by the watchdog only.</summary>
    internal int WatchdogSlot { get; set; } = -1;

    /// <summary>Where this session's requests are recorded: one per test run.</summary>
    internal HttpRecorder Recorder => _recorder;

    /// <summary>The tags every request of this session is recorded with (scenario, group, ...).</summary>
    internal TagSet Tags { get; set; }

    /// <summary>
    /// Sends a request, reads its response and keeps it for <see cref="TakeResponse"/>, which the caller calls once
    /// this completes; the session stays busy until then. Network errors come back as a response with status 0.
    /// The caller (a VU's <c>http</c>, itself an async method) waits here directly: one method less per request
    /// than a send that returned the response through a method of its own.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="intendedStart">Open model: when the iteration was due (a Stopwatch timestamp), which its latency counts from; 0 otherwise.</param>
    /// <param name="cancellationToken">Stops the request when the test stops the VU.</param>
    /// <exception cref="OperationCanceledException">The test stopped this VU while the request was in flight.</exception>
    /// <exception cref="InvalidOperationException">A request of this session is still in flight.</exception>
    internal ValueTask SendKeepingResponseAsync(HttpRequest request, long intendedStart, CancellationToken cancellationToken)
    {
        EnterSend(request);
        return SendCoreAsync(request, intendedStart, respond: true, cancellationToken);
    }

    /// <summary>The response of the request <see cref="SendKeepingResponseAsync"/> sent, once; the session is free again.</summary>
    /// <exception cref="InvalidOperationException">No response is waiting to be taken.</exception>
    internal HttpResponse TakeResponse()
    {
        var response = _response ?? throw new InvalidOperationException("No response is waiting: take it once, after the send completed.");
        _response = null;
        Volatile.Write(ref _sending, 0);
        return response;
    }

    /// <summary>
    /// Sends a request and records it like <see cref="SendKeepingResponseAsync"/>, without building a response for the
    /// caller: the <c>--url</c> quick mode, which looks at nothing else, allocates nothing per request, and
    /// waits in this session's one method (its caller awaits what that returns).
    /// </summary>
    /// <inheritdoc cref="SendKeepingResponseAsync" path="/exception"/>
    public ValueTask SendAndForgetAsync(HttpRequest request, long intendedStart = 0, CancellationToken cancellationToken = default)
    {
        EnterSend(request);
        return SendCoreAsync(request, intendedStart, respond: false, cancellationToken);
    }

    private void EnterSend(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The phase fields and the connection belong to one request at a time; a second request
        // while one is in flight (Task.WhenAll over one VU's client) would corrupt both.
        if (Interlocked.Exchange(ref _sending, 1) == 1)
        {
            throw new InvalidOperationException("A VU sends one request at a time: await each request before sending the next.");
        }
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendCoreAsync(HttpRequest request, long intendedStart, bool respond, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            var options = _recorder.Options;
            var start = Stopwatch.GetTimestamp();
            ResetPhases(start);
            Volatile.Write(ref _deadline, start + (long)((request.Timeout ?? options.Timeout).TotalSeconds * Stopwatch.Frequency));
            if (Interlocked.CompareExchange(ref _state, InFlight, Idle) == Aborted)
            {
                throw new OperationCanceledException("The VU was stopped.");
            }

            var keepBody = !options.DiscardResponseBodies;
            var keepHeaders = !options.DiscardResponseHeaders; // cookies need them even when bodies are discarded
            var body = keepBody ? new ResponseBodyBuffer(options.MaxResponseBodyBytes) : null;
            var error = HttpErrorKind.None;
            string? errorMessage = null;
            HttpConnection? connection = null;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    // Four clock reads per request on a kept-alive connection: start (which is also when
                    // sending starts: finding the connection takes no measurable time), sent, first byte,
                    // and the end, which is the first byte's moment when the whole response came in one read.
                    connection = Find(request.Url);
                    if (connection is null)
                    {
                        connection = await ConnectAsync(request.Url, cancellationToken);
                        _sendStart = Stopwatch.GetTimestamp();
                    }
                    else
                    {
                        _sendStart = _start;
                    }

                    await connection.WriteAsync(request.Encoded);
                    _sendEnd = Stopwatch.GetTimestamp();
                    await connection.WaitForResponseAsync();
                    await connection.ReadResponseAsync(request.IsHead, keepHeaders, body);
                    _firstByte = connection.FirstByteTimestamp;
                    _end = connection.ReadsForResponse == 1 ? _firstByte : Stopwatch.GetTimestamp();
                    if (!connection.KeepAlive)
                    {
                        Close(connection);
                    }

                    break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || Volatile.Read(ref _state) == TimedOut)
                {
                    _end = Stopwatch.GetTimestamp();
                    var staleKeepAlive = connection is { RequestsServed: > 0, BytesReceived: 0 };
                    if (connection is not null)
                    {
                        _firstByte = connection.FirstByteTimestamp;
                        Close(connection);
                    }

                    if (Volatile.Read(ref _state) == Aborted)
                    {
                        throw new OperationCanceledException("The VU was stopped.", exception);
                    }

                    if (staleKeepAlive && attempt == 0 && Volatile.Read(ref _state) == InFlight)
                    {
                        // The server closed an idle keep-alive connection: send once more on a new one, as browsers do.
                        connection = null;
                        body?.Clear();
                        ResetPhases(start);
                        continue;
                    }

                    error = Volatile.Read(ref _state) == TimedOut ? HttpErrorKind.Timeout : HttpErrors.Classify(exception);
                    errorMessage = exception.Message;
                    break;
                }
            }

            if (Interlocked.CompareExchange(ref _state, Idle, InFlight) == Aborted)
            {
                throw new OperationCanceledException("The VU was stopped.");
            }

            Volatile.Write(ref _state, Idle);
            var status = error == HttpErrorKind.None ? connection!.Status : 0;
            var headers = connection?.TakeHeaders() ?? [];
            var timings = PhaseTimings();
            var response = respond
                ? new HttpResponse(
                    status,
                    error == HttpErrorKind.None && keepHeaders ? headers : [],
                    error == HttpErrorKind.None && body is not null ? body.WrittenMemory : ReadOnlyMemory<byte>.Empty, // no part of a failed response
                    timings,
                    error,
                    errorMessage)
                : null;
            var bytesSent = _sendEnd > 0 ? request.Encoded.Length : 0;
            var sinceIntended = intendedStart == 0 ? 0 : Micros(_end - intendedStart);
            _recorder.Record(Tags, request, status, error, timings, bytesSent, connection?.BytesReceived ?? 0, sinceIntended, _lastSeries);
            if (error == HttpErrorKind.Descriptors)
            {
                // Out of descriptors, retrying at once only spins: back off (10 ms, doubling to 1 s) while
                // other VUs' connections close, after the request is recorded so its time stays its own.
                _descriptorBackoff = _descriptorBackoff == TimeSpan.Zero ? MinBackoff : TimeSpan.FromTicks(Math.Min(_descriptorBackoff.Ticks * 2, MaxBackoff.Ticks));
                await Task.Delay(_descriptorBackoff, cancellationToken);
            }
            else
            {
                _descriptorBackoff = TimeSpan.Zero;
            }

            _response = response; // last: a send that throws leaves none behind, and the session free
        }
        finally
        {
            if (_response is null)
            {
                Volatile.Write(ref _sending, 0); // else TakeResponse frees the session
            }
        }
    }

    private HttpConnection? Find(Uri url)
    {
        if (_current is not null && _current.Matches(url))
        {
            return _current;
        }

        foreach (var connection in _connections)
        {
            if (connection.Matches(url))
            {
                return _current = connection;
            }
        }

        return null;
    }

    private async ValueTask<HttpConnection> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var connection = new HttpConnection(url.Scheme, url.IdnHost, url.Port, _recorder.Options.WaitForDataBeforeBuffer);
        Volatile.Write(ref _connections, [.. _connections, connection]);
        try
        {
            var addresses = IPAddress.TryParse(url.IdnHost, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
            _connectStart = Stopwatch.GetTimestamp();
            await connection.ConnectAsync(addresses, cancellationToken);
            _connected = Stopwatch.GetTimestamp();
            if (url.Scheme == Uri.UriSchemeHttps)
            {
                await connection.AuthenticateAsync(_recorder.Options.InsecureSkipTlsVerify, cancellationToken);
                _tlsDone = Stopwatch.GetTimestamp();
            }
            else
            {
                _tlsDone = _connected;
            }
        }
        catch
        {
            Close(connection); // never reuse a connection that did not open
            throw;
        }

        _current = connection;
        return connection;
    }

    private void Close(HttpConnection connection)
    {
        connection.Dispose();
        Volatile.Write(ref _connections, [.. _connections.Where(c => c != connection)]);
        if (_current == connection)
        {
            _current = null;
        }
    }

    /// <summary>Called by the watchdog: fails the request in flight if its deadline passed.</summary>
    internal void ExpireIfLate(long now)
    {
        if (Volatile.Read(ref _state) == InFlight && now > Volatile.Read(ref _deadline)
            && Interlocked.CompareExchange(ref _state, TimedOut, InFlight) == InFlight)
        {
            DisposeConnections();
        }
    }

    /// <summary>Stops the session for good: a request in flight fails with <see cref="OperationCanceledException"/>.</summary>
    public void Abort()
    {
        Volatile.Write(ref _state, Aborted);
        DisposeConnections();
    }

    /// <summary>Makes an aborted session usable again (a VU brought back by a ramp-up); its connections are gone.</summary>
    internal void Revive()
    {
        if (Volatile.Read(ref _state) == Aborted)
        {
            _connections = [];
            _current = null;
            Volatile.Write(ref _state, Idle);
        }
    }

    private void DisposeConnections()
    {
        // Runs on another thread than the VU: disposing fails the VU's pending socket call at once.
        foreach (var connection in Volatile.Read(ref _connections))
        {
            connection.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _watchdog.Remove(this);
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _connections = [];
        _current = null;
    }

    private void ResetPhases(long start)
    {
        _start = start;
        _connectStart = _connected = _tlsDone = _sendStart = _sendEnd = _firstByte = _end = 0;
    }

    private HttpTimings PhaseTimings()
    {
        // A phase that began but did not finish (an error) lasts until the request ended.
        long Until(long mark) => mark != 0 ? mark : _end;
        long Phase(long from, long to) => from == 0 ? 0 : Micros(Until(to) - from);
        var firstStep = _connectStart != 0 ? _connectStart : Until(_sendStart);
        return new HttpTimings(
            BlockedMicros: Micros(firstStep - _start),
            ConnectingMicros: Phase(_connectStart, _connected),
            TlsHandshakingMicros: Phase(_connected, _tlsDone),
            SendingMicros: Phase(_sendStart, _sendEnd),
            WaitingMicros: Phase(_sendEnd, _firstByte),
            ReceivingMicros: Phase(_firstByte, _end));
    }

    private static long Micros(long ticks) => ticks <= 0 ? 0 : ticks * 1_000_000 / Stopwatch.Frequency;
}
