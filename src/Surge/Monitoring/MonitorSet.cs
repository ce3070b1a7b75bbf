namespace Surge.Monitoring;

/// <summary>
/// The run's monitors, sampled together once a second. A source that fails is reported once, then
/// left alone and retried every few seconds; it never stops the test.
/// </summary>
/// <remarks>
/// In: the monitors and a clock. Out: each second's samples, one-line notices (a source failed, a
/// source is back), and the per-target totals for the summary.
/// </remarks>
internal sealed class MonitorSet : IDisposable
{
    /// <summary>How long a failed source is left alone before it is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The most a source may take for one sample: it must fit in the second.</summary>
    public static readonly TimeSpan SampleTimeout = TimeSpan.FromMilliseconds(900);

    private readonly Entry[] _entries;
    private readonly TimeProvider _time;

    /// <summary>Creates the set.</summary>
    public MonitorSet(IReadOnlyList<IMonitor> monitors, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(monitors);
        _entries = [.. monitors.Select(m => new Entry(m))];
        _time = time ?? TimeProvider.System;
    }

    /// <summary>True when there is nothing to watch.</summary>
    public bool IsEmpty => _entries.Length == 0;

    /// <summary>Per-target totals so far.</summary>
    public ResourceTotals Totals { get; } = new();

    /// <summary>
    /// Samples every source once before the load starts, for the baseline that rates (CPU %, bytes per
    /// second) are measured from, so the first second of the test has them; the samples are not kept.
    /// </summary>
    /// <param name="notice">Called with a one-line notice when a source fails.</param>
    public Task StartAsync(Action<string> notice) => SampleAsync(notice, keep: false);

    /// <summary>Samples every source that is due, at once, each within <see cref="SampleTimeout"/>.</summary>
    /// <param name="notice">Called with a one-line notice when a source fails or comes back.</param>
    public Task<IReadOnlyList<ResourceSample>> SampleAsync(Action<string> notice) => SampleAsync(notice, keep: true);

    private async Task<IReadOnlyList<ResourceSample>> SampleAsync(Action<string> notice, bool keep)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var now = _time.GetTimestamp();
        var due = _entries.Where(e => e.RetryAt <= now).ToArray();
        var results = await Task.WhenAll(due.Select(SampleOneAsync));
        var samples = new List<ResourceSample>();
        foreach (var (entry, result, error) in results)
        {
            if (error is null)
            {
                if (entry.Failing)
                {
                    notice($"monitor {entry.Monitor.Label} ({entry.Monitor.Source}) is back");
                }

                entry.Failing = false;
                entry.LastError = null;
                samples.AddRange(result!);
                ReportParts(entry, notice);
                continue;
            }

            entry.RetryAt = now + (long)(RetryAfter.TotalSeconds * _time.TimestampFrequency);
            if (entry.LastError != error)
            {
                // Once per distinct problem: a source that stays down does not fill the console.
                notice($"monitor {entry.Monitor.Label} ({entry.Monitor.Source}): {error}; retrying every {RetryAfter.TotalSeconds:0} s, the test goes on");
            }

            entry.Failing = true;
            entry.LastError = error;
            Totals.Problem(entry.Monitor.Label, "unknown", error);
        }

        if (!keep)
        {
            return [];
        }

        Totals.Add(samples);
        return samples;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _entries)
        {
            entry.Monitor.Dispose();
        }
    }

    /// <summary>A part of a source (a process an agent watches) that fails or comes back is said once, like a whole source.</summary>
    private void ReportParts(Entry entry, Action<string> notice)
    {
        var now = entry.Monitor.PartProblems;
        foreach (var (target, problem) in now)
        {
            if (!entry.Parts.TryGetValue(target, out var before) || before != problem)
            {
                notice($"monitor {target} ({entry.Monitor.Source}): {problem}; the test goes on");
            }

            Totals.Problem(target, "unknown", problem);
        }

        foreach (var target in entry.Parts.Keys.Where(t => !now.ContainsKey(t)))
        {
            notice($"monitor {target} ({entry.Monitor.Source}) is back");
        }

        entry.Parts = now;
    }

    private async Task<(Entry Entry, IReadOnlyList<ResourceSample>? Samples, string? Error)> SampleOneAsync(Entry entry)
    {
        using var timeout = new CancellationTokenSource(SampleTimeout, _time);
        try
        {
            return (entry, await entry.Monitor.SampleAsync(timeout.Token), null);
        }
        catch (MonitorException exception)
        {
            return (entry, null, exception.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (entry, null, $"no answer within {SampleTimeout.TotalMilliseconds:0} ms");
        }
#pragma warning disable CA1031 // A monitor's bug must not stop the load test; it is reported like any failure.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return (entry, null, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private sealed class Entry(IMonitor monitor)
    {
        public IMonitor Monitor { get; } = monitor;

        public long RetryAt { get; set; }

        public bool Failing { get; set; }

        public string? LastError { get; set; }

        public IReadOnlyDictionary<string, string> Parts { get; set; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
    }
}
