using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Surge.Configuration;
using Surge.Execution;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Results;

namespace Surge.Distributed;

/// <summary>
/// A generator's side of a distributed test (<c>surge run --join URL --token T</c>): it joins the
/// aggregator with its test id and segment, learns the common start, and streams its results lines
/// (the very lines of <c>--out</c>) to the aggregator as they are written. The aggregator's answer to
/// each batch says whether to go on, stop, or abort (a threshold failed on the merged seconds).
/// </summary>
/// <remarks>
/// An aggregator that stops answering does not stop the generator: it keeps the lines and sends them
/// when the aggregator answers again, and says so once.
/// </remarks>
internal sealed class GeneratorLink : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FlushFor = TimeSpan.FromSeconds(10);

    private readonly HttpClient _client;
    private readonly string _lines;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<string> _onProblem;
    private Task? _pump;
    private bool _warned;
    private long _sent;
    private int _stopped;

    private GeneratorLink(HttpClient client, Uri aggregator, int generator, DateTimeOffset startAt, Action<string> onProblem)
    {
        _client = client;
        Aggregator = aggregator;
        _lines = new Uri(aggregator, $"lines?generator={generator}").ToString();
        Generator = generator;
        StartAt = startAt;
        _onProblem = onProblem;
    }

    /// <summary>The aggregator's address.</summary>
    public Uri Aggregator { get; }

    /// <summary>This generator's number at the aggregator (its segment's place in the sequence).</summary>
    public int Generator { get; }

    /// <summary>The common start of every generator.</summary>
    public DateTimeOffset StartAt { get; }

    /// <summary>Joins the aggregator; returns once every generator has joined and the start is known.</summary>
    /// <param name="aggregator">The aggregator's address.</param>
    /// <param name="token">Its token.</param>
    /// <param name="plan">This generator's plan (its test id and segment).</param>
    /// <param name="wait">How long to try while the aggregator is not reachable yet (it may start after its generators).</param>
    /// <param name="onProblem">Told warnings, one line each.</param>
    /// <param name="cancel">Gives up (Ctrl+C).</param>
    /// <exception cref="ConfigException">The aggregator is not reachable, refuses the token, or refuses this generator; one line says why.</exception>
    public static async Task<GeneratorLink> JoinAsync(Uri aggregator, string token, TestPlan plan, TimeSpan wait, Action<string> onProblem, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(onProblem);
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            var (link, unreachable) = await TryJoinAsync(aggregator, token, plan, onProblem, cancel);
            if (link is not null)
            {
                return link;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new ConfigException(unreachable!);
            }

            await Task.Delay(RetryAfter, cancel);
        }
    }

    /// <summary>One try: the link, or why the aggregator is not reachable (worth another try).</summary>
    private static async Task<(GeneratorLink? Link, string? Unreachable)> TryJoinAsync(Uri aggregator, string token, TestPlan plan, Action<string> onProblem, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(plan);
        var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // joining waits for the other generators
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await client.PostAsJsonAsync(
                new Uri(aggregator, "join"), new JoinRequest(plan.TestId, plan.Segment.Segment.ToString()), cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    var answer = JsonSerializer.Deserialize<JoinAnswer>(body, JsonSerializerOptions.Web)
                        ?? throw new ConfigException($"--join {aggregator}: the answer is not a Surge aggregator's");
                    return (new GeneratorLink(client, aggregator, answer.Generator, answer.StartAt, onProblem), null);
                case HttpStatusCode.Unauthorized:
                    throw new ConfigException($"the aggregator at {aggregator} refused the token; give the --token it was started with");
                case HttpStatusCode.Conflict:
                    throw new ConfigException($"the aggregator at {aggregator} refused this generator: {ErrorOf(body)}");
                default:
                    throw new ConfigException($"--join {aggregator} answered {(int)response.StatusCode} {response.ReasonPhrase}; is it a surge aggregate address?");
            }
        }
        catch (HttpRequestException exception)
        {
            client.Dispose();
            var why = exception.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : exception.HttpRequestError.ToString();
            return (null, $"the aggregator at {aggregator} is not reachable ({why}); start surge aggregate there first, or check --join");
        }
        catch (Exception) when (!cancel.IsCancellationRequested)
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The output that streams the run's results lines to the aggregator; its answers stop
    /// <paramref name="control"/> (gracefully, or as a threshold abort).
    /// </summary>
    public ITestOutput Output(TestRunControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        _pump = Task.Run(() => PumpAsync(control));
        return new NdjsonResultsWriter(new LineStream(_queue.Writer), $"--join {Aggregator}");
    }

    /// <summary>Sends what is left (the summary's stop line) and closes the link.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_pump is not null)
        {
            await Task.WhenAny(_pump, Task.Delay(FlushFor));
        }

        _client.Dispose();
    }

    private static string ErrorOf(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("error").GetString() ?? body;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body;
        }
    }

    private async Task PumpAsync(TestRunControl control)
    {
        var batch = new StringBuilder();
        var count = 0;
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var line))
            {
                batch.Append(line);
                count++;
            }

            while (true)
            {
                try
                {
                    using var content = new StringContent(batch.ToString(), Encoding.UTF8, "application/x-ndjson");
                    using var response = await _client.PostAsync(new Uri($"{_lines}&from={_sent}"), content);
                    response.EnsureSuccessStatusCode();
                    Obey(await response.Content.ReadAsStringAsync(), control);
                    _sent += count;
                    count = 0;
                    batch.Clear();
                    break;
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
                {
                    if (!_warned)
                    {
                        _warned = true;
                        _onProblem($"the aggregator at {Aggregator} does not answer ({exception.Message}); this generator goes on and sends its seconds when it answers again");
                    }

                    if (_queue.Reader.Completion.IsCompleted)
                    {
                        return; // the run is over and the aggregator gone: what is left stays in --out, if given
                    }

                    await Task.Delay(RetryAfter);
                }
            }
        }
    }

    private void Obey(string answer, TestRunControl control)
    {
        if (answer == "go" || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return; // stopped once: asking again would make the stop hard
        }

        if (answer == "abort")
        {
            control.Abort(StopReason.ThresholdAborted);
        }
        else
        {
            control.RequestStop();
        }
    }

    private sealed record JoinRequest(string TestId, string Segment);

    private sealed record JoinAnswer(int Generator, DateTimeOffset StartAt);

    /// <summary>Each write is one whole results line (the writer writes a line at once): queued as it is.</summary>
    private sealed class LineStream(ChannelWriter<string> lines) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => lines.TryWrite(Encoding.UTF8.GetString(buffer));

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
