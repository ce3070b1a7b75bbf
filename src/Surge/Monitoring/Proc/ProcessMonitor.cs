namespace Surge.Monitoring.Proc;

/// <summary>
/// Watches processes on this Linux host, from <c>/proc</c>: all processes of one name
/// (<c>process:postgres</c>) or one process id (<c>pid:1234</c>), summed.
/// </summary>
/// <remarks>
/// In: <c>/proc/[pid]/comm</c> and <c>cmdline</c> to find the processes, then their <c>stat</c>,
/// <c>status</c> and <c>fd</c> on each <see cref="SampleAsync"/>. Out: one <see cref="ResourceSample"/> of kind
/// <c>process</c> with CPU in percent of one core (as <c>top</c> shows it), resident memory, threads, open
/// files and how many processes matched. CPU counts the processes present in both this sample and the
/// previous one, plus those started since the previous one (all their CPU time is in the interval;
/// a server that starts a process per connection would otherwise look idle). It is null on the first
/// sample. CPU of a process that ended between two samples is not seen. The kernel counts CPU time in
/// clock ticks (10 ms), so over a short interval a process busy on every core can read a few percent above
/// what the cores allow; CPU is capped at 100 % per online core (the <c>cpuN</c> lines of <c>/proc/stat</c>).
/// </remarks>
internal sealed class ProcessMonitor : IMonitor
{
    private readonly Lock _lock = new();
    private readonly string? _name;
    private readonly int _pid;
    private readonly string _procRoot;
    private readonly TimeProvider _time;
    private Dictionary<(int Pid, long StartTicks), long> _previousCpuTicks = [];
    private long? _previousTimestamp;
    private double? _previousUptimeSeconds;
    private int? _onlineCores;

    /// <summary>Creates a monitor of every process named <paramref name="name"/>.</summary>
    /// <param name="name">
    /// The process name: its <c>/proc/[pid]/comm</c> (what <c>top</c> shows), or the file name of its argv[0]
    /// for names longer than the 15 characters comm keeps.
    /// </param>
    /// <param name="label">The label its samples carry; <paramref name="name"/> when null.</param>
    /// <param name="procRoot">Where procfs is mounted.</param>
    /// <param name="timeProvider">The clock that times the interval between samples; the system clock by default.</param>
    public ProcessMonitor(string name, string? label = null, string procRoot = "/proc", TimeProvider? timeProvider = null)
        : this(name ?? throw new ArgumentNullException(nameof(name)), 0, label, procRoot, timeProvider)
    {
    }

    /// <summary>Creates a monitor of the process with id <paramref name="pid"/>.</summary>
    /// <param name="pid">The process id.</param>
    /// <param name="label">The label its samples carry; <c>pid N</c> when null.</param>
    /// <param name="procRoot">Where procfs is mounted.</param>
    /// <param name="timeProvider">The clock that times the interval between samples; the system clock by default.</param>
    public ProcessMonitor(int pid, string? label = null, string procRoot = "/proc", TimeProvider? timeProvider = null)
        : this(null, pid, label, procRoot, timeProvider)
    {
    }

    private ProcessMonitor(string? name, int pid, string? label, string procRoot, TimeProvider? timeProvider)
    {
        if (name is null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        }
        else
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(procRoot);
        _name = name;
        _pid = pid;
        Label = label ?? name ?? $"pid {pid}";
        Source = name is null ? $"pid:{pid}" : $"process:{name}";
        _procRoot = procRoot;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Label { get; }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceSample>> SampleAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var timestamp = _time.GetTimestamp();
            var uptime = UptimeSeconds();
            var readings = ReadMatches(out var matchedSelf);
            if (readings.Count == 0)
            {
                _previousCpuTicks = [];
                _previousTimestamp = null;
                _previousUptimeSeconds = null;
                throw new MonitorException(_name is null ? $"process {_pid} is not running"
                    : matchedSelf ? $"no process named '{_name}' is running but Surge itself, which is not counted (its own CPU and GC are in the summary; pid:{Environment.ProcessId} watches it)"
                    : $"no process named '{_name}' is running (yet)");
            }

            var sample = new ResourceSample
            {
                Target = Label,
                Kind = "process",
                CpuPercent = CpuPercent(readings, timestamp),
                MemoryUsedBytes = readings.Sum(static reading => reading.RssBytes),
                Processes = readings.Count,
                Threads = readings.Sum(static reading => reading.Threads),
                OpenFiles = readings.All(static reading => reading.OpenFiles is not null)
                    ? readings.Sum(static reading => reading.OpenFiles!.Value)
                    : null,
                OpenFilesLimit = readings.All(static reading => reading.OpenFilesLimit is not null)
                    ? readings.Sum(static reading => reading.OpenFilesLimit!.Value)
                    : null,
            };
            _previousCpuTicks = readings.ToDictionary(static reading => (reading.Pid, reading.StartTicks), static reading => reading.CpuTicks);
            _previousTimestamp = timestamp;
            _previousUptimeSeconds = uptime;
            return Task.FromResult<IReadOnlyList<ResourceSample>>([sample]);
        }
    }

    /// <summary>Nothing to release: no file stays open between samples.</summary>
    public void Dispose()
    {
    }

    /// <summary>Seconds since boot, from <c>uptime</c>; null where it cannot be read.</summary>
    private double? UptimeSeconds()
    {
        try
        {
            var text = ProcFiles.TryReadText(Path.Combine(_procRoot, "uptime"));
            var first = text?.Split(' ', 2)[0];
            return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private List<ProcessReading> ReadMatches(out bool matchedSelf)
    {
        matchedSelf = false;
        var pids = _name is null ? [_pid] : ProcessReader.FindByName(_procRoot, _name, out matchedSelf);
        var readings = new List<ProcessReading>(pids.Count);
        foreach (var pid in pids)
        {
            if (ProcessReader.TryRead(_procRoot, pid) is { } reading)
            {
                readings.Add(reading);
            }
        }

        return readings;
    }

    private double? CpuPercent(List<ProcessReading> readings, long timestamp)
    {
        if (_previousTimestamp is not { } previous)
        {
            return null;
        }

        var elapsed = _time.GetElapsedTime(previous, timestamp);
        if (elapsed <= TimeSpan.Zero)
        {
            return null;
        }

        long ticks = 0;
        var seenBefore = false;
        foreach (var reading in readings)
        {
            // The kernel reuses pids, so a pid is the same process only with the same start time.
            if (_previousCpuTicks.TryGetValue((reading.Pid, reading.StartTicks), out var before))
            {
                ticks += Math.Max(0, reading.CpuTicks - before);
                seenBefore = true;
            }
            else if (_previousUptimeSeconds is { } then && (double)reading.StartTicks / ClockTicks.PerSecond > then)
            {
                // Started since the previous sample (start times count from boot, as uptime does).
                ticks += reading.CpuTicks;
                seenBefore = true;
            }
        }

        if (!seenBefore)
        {
            return null;
        }

        var percent = (double)ticks / ClockTicks.PerSecond / elapsed.TotalSeconds * 100.0;
        return OnlineCores() is > 0 and var cores ? Math.Min(percent, cores * 100.0) : percent;
    }

    /// <summary>The cores online, from the <c>cpuN</c> lines of <c>/proc/stat</c>, read once; 0 where it cannot be read.</summary>
    private int OnlineCores()
    {
        if (_onlineCores is { } known)
        {
            return known;
        }

        try
        {
            var text = ProcFiles.TryReadText(Path.Combine(_procRoot, "stat"));
            _onlineCores = text is null ? 0 : StatParser.Parse(text).Cores.Count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            _onlineCores = 0;
        }

        return _onlineCores.Value;
    }
}
