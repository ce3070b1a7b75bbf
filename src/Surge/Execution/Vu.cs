using Surge.Http;
using Surge.Metrics;

namespace Surge.Execution;

/// <summary>
/// A virtual user: what an exec function gets. It runs iterations one after another, with its own
/// HTTP client and cookies, and records checks, groups and custom metrics tagged with its scenario
/// and group.
/// </summary>
/// <remarks>
/// Exec functions are async and must not block a thread (no <c>Thread.Sleep</c>, no
/// <c>.Result</c>): Surge runs thousands of VUs on a few threads. Use <see cref="SleepAsync(double)"/>.
/// </remarks>
public sealed class Vu : IDisposable
{
    private static readonly AsyncLocal<Vu?> CurrentVu = new();
    private readonly RunContext _context;
    private readonly TagSet _tags;
    // Made on first use: a VU of a test of 100,000 may never check, group or record a metric of its own.
    private Dictionary<string, TagSet>? _groupTags;
    private Dictionary<(string Check, string Group), Series>? _checks;
    private Dictionary<(string Metric, string Group), Series>? _custom;
    private TagSet _currentTags;

    internal Vu(int id, int idInScenario, string scenario, RunContext context, TagSet tags, IReadOnlyDictionary<string, string> env)
    {
        Id = id;
        IdInScenario = idInScenario;
        Scenario = scenario;
        Env = env;
        _context = context;
        _tags = tags;
        _currentTags = tags;
        Session = new HttpSession(context.Http, context.Watchdog, tags);
        Http = new VuHttp(Session, context.Http.Options, Due, () => Cancellation);
    }

    /// <summary>The VU's number in the test, unique across scenarios, from 1 (k6's <c>__VU</c>; 0 for Setup and Teardown).</summary>
    public int Id { get; }

    /// <summary>The VU's number in its scenario, from 1.</summary>
    public int IdInScenario { get; }

    /// <summary>The scenario the VU belongs to.</summary>
    public string Scenario { get; }

    /// <summary>The number of the iteration being run by this VU, from 0.</summary>
    public long Iteration { get; internal set; }

    /// <summary>The VU's HTTP client: relative URLs, default headers, its own cookie jar.</summary>
    public VuHttp Http { get; }

    /// <summary>Environment variables: the process's, then <c>-e NAME=VALUE</c> flags, then the scenario's <c>Env</c> (k6's <c>__ENV</c>).</summary>
    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>The group being run, as k6 writes it (<c>::checkout::pay</c>); empty outside groups.</summary>
    public string Group { get; private set; } = "";

    /// <summary>Cancelled when the test stops this VU's iteration (end of the graceful stop, Ctrl+C twice).</summary>
    public CancellationToken Cancellation { get; internal set; }

    /// <summary>The VU running on this async flow, if any (custom metrics record through it).</summary>
    internal static Vu? Current => CurrentVu.Value;

    internal HttpSession Session { get; }

    /// <summary>Open model: when the current iteration was due; its requests' latency counts from there.</summary>
    internal DueStart Due { get; } = new();

    /// <summary>
    /// Checks a value and records the outcome in the <c>checks</c> metric under this name (k6's
    /// <c>check</c>). A failed check does not stop the iteration and does not fail the test by
    /// itself; use a threshold such as <c>checks: rate&gt;0.99</c> for that. A predicate that throws
    /// counts as a failed check, except <see cref="Abort"/> in it, which aborts the test.
    /// </summary>
    /// <returns>Whether the check passed.</returns>
    public bool Check<T>(T value, string name, Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        bool passed;
        try
        {
            passed = predicate(value);
        }
#pragma warning disable CA1031 // A check that cannot be evaluated has failed; the iteration goes on, as in k6.
        catch (Exception exception) when (exception is not TestAbortedException)
#pragma warning restore CA1031
        {
            passed = false;
        }

        return Check(name, passed);
    }

    /// <summary>Records a check whose outcome is already known.</summary>
    /// <returns><paramref name="passed"/>.</returns>
    public bool Check(string name, bool passed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!(_checks ??= []).TryGetValue((name, Group), out var series))
        {
            series = _context.Registry.GetSeries(_context.Metrics.Checks, _currentTags.With("check", name));
            _checks.Add((name, Group), series);
        }

        using var writer = _context.Recorder.BeginWrite();
        writer.AddRate(series, passed);
        return passed;
    }

    /// <summary>Pauses the VU (think time). Ends early, with <see cref="OperationCanceledException"/>, when the test stops the VU.</summary>
    public Task SleepAsync(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? Task.CompletedTask
        : Due.Timestamp == 0 ? Task.Delay(duration, _context.Time, Cancellation)
        : ThinkAsync(duration);

    /// <summary>
    /// Open model: a pause is the user's own time, not time spent waiting on the server, so the
    /// moment later requests count from moves on by the pause.
    /// </summary>
    private async Task ThinkAsync(TimeSpan duration)
    {
        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await Task.Delay(duration, _context.Time, Cancellation);
        }
        finally
        {
            Due.Shift(System.Diagnostics.Stopwatch.GetTimestamp() - before);
        }
    }

    /// <summary>Pauses the VU for some seconds (k6's <c>sleep</c>).</summary>
    public Task SleepAsync(double seconds) => SleepAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Pauses the VU for a random time between two bounds, in seconds: think time that varies like a person's.</summary>
    public Task SleepAsync(double minSeconds, double maxSeconds)
    {
        if (maxSeconds < minSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSeconds), maxSeconds, "The longest pause must not be shorter than the shortest.");
        }

        return SleepAsync(minSeconds + (Random.Shared.NextDouble() * (maxSeconds - minSeconds)));
    }

    /// <summary>
    /// Runs part of an iteration as a named group (k6's <c>group</c>): its requests, checks and custom
    /// metrics are tagged <c>group=::name</c>, and its time is recorded in <c>group_duration</c>.
    /// Groups nest.
    /// </summary>
    public async Task GroupAsync(string name, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await GroupAsync<bool>(name, async () =>
        {
            await body();
            return true;
        });
    }

    /// <summary>Runs part of an iteration as a named group and returns its result.</summary>
    public async Task<T> GroupAsync<T>(string name, Func<Task<T>> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(body);
        if (name.Contains("::", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Group name '{name}' must not contain '::', which separates nested groups.", nameof(name));
        }

        var outer = Group;
        var path = $"{outer}::{name}";
        var start = _context.Time.GetTimestamp();
        EnterGroup(path);
        try
        {
            var result = await body();
            var elapsed = _context.Time.GetElapsedTime(start);
            var series = _context.Registry.GetSeries(_context.Metrics.GroupDuration, _currentTags);
            using var writer = _context.Recorder.BeginWrite();
            writer.AddTrendMicros(series, elapsed.Ticks / TimeSpan.TicksPerMicrosecond);
            return result;
        }
        finally
        {
            EnterGroup(outer);
        }
    }

    /// <summary>Stops the whole test now (k6's <c>exec.test.abort</c>); Surge exits with code 108. Does not return.</summary>
    /// <exception cref="TestAbortedException">Always: it unwinds the iteration.</exception>
#pragma warning disable CA1822 // On the VU, where script authors look for it, next to Fail().
    public void Abort(string reason = "the script aborted the test") => throw new TestAbortedException(reason);
#pragma warning restore CA1822

    /// <summary>
    /// Marks the test as failed without stopping it (k6's <c>exec.test.fail</c>): the test runs on and
    /// Surge exits with code 110, unless something worse happens.
    /// </summary>
    public void Fail(string reason = "the script marked the test as failed") => _context.MarkFailed(reason);

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();

    internal void Enter()
    {
        if (!ReferenceEquals(CurrentVu.Value, this))
        {
            CurrentVu.Value = this;
        }
    }

    internal void Record(MetricDefinition metric, double value, IReadOnlyDictionary<string, string>? tags)
    {
        Series series;
        if (tags is null || tags.Count == 0)
        {
            if (!(_custom ??= []).TryGetValue((metric.Name, Group), out series!))
            {
                series = _context.Registry.GetSeries(_context.Register(metric), _currentTags);
                _custom.Add((metric.Name, Group), series);
            }
        }
        else
        {
            series = _context.Registry.GetSeries(_context.Register(metric), TagSet.From(_currentTags.Concat(tags)));
        }

        switch (metric.Type)
        {
            case MetricType.Gauge:
                _context.Registry.SetGauge(series, value);
                return;
            case MetricType.Counter:
            {
                using var writer = _context.Recorder.BeginWrite();
                writer.AddCounter(series, value);
                return;
            }

            case MetricType.Rate:
            {
                using var writer = _context.Recorder.BeginWrite();
                writer.AddRate(series, value != 0);
                return;
            }

            default:
            {
                var micros = value * 1000;
                if (micros > MetricAggregate.HighestTrackable(series.Metric.Contains) || (micros > 0 && micros <= 0.5))
                {
                    _context.TrendOutOfRange(series.Metric, value);
                }

                using var writer = _context.Recorder.BeginWrite();
                writer.AddTrend(series, value);
                return;
            }
        }
    }

    private void EnterGroup(string path)
    {
        Group = path;
        if (path.Length == 0)
        {
            _currentTags = _tags;
        }
        else if (!(_groupTags ??= new(StringComparer.Ordinal)).TryGetValue(path, out _currentTags!))
        {
            _currentTags = _tags.With("group", path);
            _groupTags.Add(path, _currentTags);
        }

        Session.Tags = _currentTags;
    }
}
