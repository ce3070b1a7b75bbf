using System.Collections.ObjectModel;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Surge.Monitoring.Agent;

/// <summary>
/// Samples from a remote <c>surge agent</c> (<c>agent://HOST:PORT</c>): one streaming HTTP request
/// whose body is a line of JSON each second (the host and its named processes). The newest line is
/// what <see cref="SampleAsync"/> returns; a broken stream is reopened on the next call, and so is
/// one that stays open but silent (a frozen agent, a proxy holding the connection).
/// </summary>
internal sealed class AgentMonitor : IMonitor
{
    /// <summary>Samples older than this are not passed off as the current second.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromMilliseconds(1500);

    /// <summary>An open stream that brings no line for this long is given up and reopened.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(5);

    private readonly Uri _url;
    private readonly string _token;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task? _reader;
    private CancellationTokenSource? _readerStop;
    private long _heardAt;
    private IReadOnlyList<ResourceSample>? _latest;
    private IReadOnlyDictionary<string, string> _latestProblems = ReadOnlyDictionary<string, string>.Empty;
    private IReadOnlyDictionary<string, string> _problems = ReadOnlyDictionary<string, string>.Empty;
    private long _latestAt;
    private string? _error;

    /// <summary>Creates the monitor and opens the stream.</summary>
    /// <param name="address">The agent's <c>http://HOST:PORT/</c>.</param>
    /// <param name="token">The token the agent printed (or was given with <c>--token</c>).</param>
    /// <param name="label">The label samples carry instead of the agent's own; null to keep the agent's.</param>
    /// <param name="time">The clock.</param>
    public AgentMonitor(Uri address, string token, string? label = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrEmpty(token);
        _url = new Uri(address, "samples");
        _token = token;
        Label = label ?? $"{address.Host}:{address.Port}";
        Source = $"agent://{address.Host}:{address.Port}";
        _time = time ?? TimeProvider.System;
        _client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        // Connect now, so the first second of the test already has the agent's sample.
        StartReader();
    }

    /// <inheritdoc />
    public string Label { get; }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    /// <remarks>What the agent itself could not read (a watched process not running), labelled like its samples.</remarks>
    public IReadOnlyDictionary<string, string> PartProblems
    {
        get
        {
            lock (_lock)
            {
                return _problems;
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceSample>> SampleAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_reader is null || _reader.IsCompleted)
            {
                StartReader();
            }
            else if (_time.GetElapsedTime(_heardAt) > Silence)
            {
                // Connected (or connecting) but silent: drop the stream; the next call opens a new one.
                _readerStop!.Cancel();
                _latest = null;
                throw new MonitorException($"the agent at {_url.Authority} sent nothing for {Silence.TotalSeconds:0} s; reconnecting");
            }

            var fresh = _latest is not null && _time.GetElapsedTime(_latestAt) < Stale;
            if (fresh)
            {
                // The newest line while it is fresh: the agent's second and ours are not in phase,
                // so handing each line out only once would leave some of our seconds empty.
                _problems = _latestProblems;
                return Task.FromResult(_latest!);
            }

            // Still connecting, or between two of the agent's lines: nothing this second, and no error.
            return _error is null ? Task.FromResult<IReadOnlyList<ResourceSample>>([]) : throw new MonitorException(_error);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _client.Dispose();
        lock (_lock)
        {
            _readerStop?.Dispose();
        }

        _stop.Dispose();
    }

    /// <summary>Opens a new stream; called under the lock.</summary>
    private void StartReader()
    {
        _readerStop?.Dispose();
        _readerStop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _heardAt = _time.GetTimestamp();
        var stop = _readerStop.Token;
        _reader = Task.Run(() => ReadAsync(stop), CancellationToken.None);
    }

    private async Task ReadAsync(CancellationToken stop)
    {
        var connectTimeout = TimeSpan.FromSeconds(3);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(stop);
            connect.CancelAfter(connectTimeout);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Fail(response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => $"the agent at {_url.Authority} refused the token (401); pass the token it printed with --monitor-token or agent://{_url.Authority}?token=...",
                    HttpStatusCode.NotFound => $"{_url.Authority} answered 404 for /samples; is it a surge agent?",
                    _ => $"the agent at {_url.Authority} answered {(int)response.StatusCode}",
                });
                return;
            }

            using var stream = await response.Content.ReadAsStreamAsync(stop);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                lock (_lock)
                {
                    _heardAt = _time.GetTimestamp();
                }

                if (line.Length == 0)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(line);
                var samples = ResourceJson.Read(document.RootElement.GetProperty("samples"));
                var problems = ReadProblems(document.RootElement);
                lock (_lock)
                {
                    _latest = [.. samples.Select(s => s with { Target = Relabel(s.Target) })];
                    _latestProblems = problems;
                    _latestAt = _time.GetTimestamp();
                    _error = null;
                }
            }

            Fail($"the agent at {_url.Authority} closed the stream");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
            Fail($"the agent at {_url.Authority} did not answer within {connectTimeout.TotalSeconds:0} s; is the address right, and the port open to this machine?");
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            Fail($"the agent at {_url.Authority} is not answering (connection refused); is `surge agent` running there?");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            Fail($"the agent at {_url.Authority} cannot be read: {exception.Message}");
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Fail($"{_url.Authority} sent something that is not a surge agent's sample: {exception.Message}");
        }
    }

    /// <summary>The line's <c>problems</c>: <c>{"target", "message"}</c> objects, or plain strings from older agents.</summary>
    private ReadOnlyDictionary<string, string> ReadProblems(JsonElement line)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (line.TryGetProperty("problems", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var problem in list.EnumerateArray())
            {
                var (target, message) = problem.ValueKind == JsonValueKind.String
                    ? ("local", problem.GetString()!)
                    : (problem.GetProperty("target").GetString()!, problem.GetProperty("message").GetString()!);
                problems[Relabel(target)] = message;
            }
        }

        return problems.AsReadOnly();
    }

    /// <summary>The agent's host becomes this monitor's label; its processes become <c>label/name</c>.</summary>
    private string Relabel(string agentTarget) => agentTarget == "local" ? Label : $"{Label}/{agentTarget}";

    private void Fail(string message)
    {
        lock (_lock)
        {
            _error = message;
            _latest = null;
        }
    }
}
