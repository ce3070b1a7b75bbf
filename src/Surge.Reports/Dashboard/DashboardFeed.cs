using System.Threading.Channels;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Reports.Html;
using Surge.Timeline;

namespace Surge.Reports.Dashboard;

/// <summary>
/// The dashboard's view of the run: an output that turns each second into a report row off the
/// runner's thread, keeps every row for browsers that connect late or reconnect, and holds the
/// finished report.
/// </summary>
/// <remarks>
/// The runner only hands a second to an unbounded queue (one item a second); the rows are built on a
/// task of their own. Each browser is woken through a one-slot channel and sends what it has not
/// sent yet, so a slow browser falls behind and catches up without ever holding the test back.
/// </remarks>
internal sealed class DashboardFeed : ITestOutput, IAsyncDisposable
{
    private readonly Channel<TimelineSecond> _seconds = Channel.CreateUnbounded<TimelineSecond>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<string> _rows = [];
    private readonly List<Channel<bool>> _listeners = [];
    private readonly Lock _lock = new();
    private readonly DiagnosisLanguage _language;
    private readonly Task _builder;
    private RunTimeline? _timeline;
    private DateTimeOffset _start;
    private bool _openModel;
    private string? _startData;
    private string? _endData;
    private string? _report;

    public DashboardFeed(DiagnosisLanguage language)
    {
        _language = language;
        _builder = Task.Run(BuildRowsAsync);
    }

    /// <summary>The page's data block before the first second (null until the test starts).</summary>
    public string? StartData => _startData;

    /// <summary>The finished report's HTML, once the test has ended.</summary>
    public string? Report => _report;

    public void OnStart(TestStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _start = start.Time;
        _openModel = start.Plan.Scenarios.Any(s => s.Executor.IsOpenModel);
        _startData = ReportData.Of(start);
    }

    public void OnSecond(RunSecond second)
    {
        ArgumentNullException.ThrowIfNull(second);
        _timeline = second.Timeline;
        _seconds.Writer.TryWrite(second.Second);
    }

    public void OnEvent(TestEvent testEvent)
    {
    }

    public void OnEnd(TestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _seconds.Writer.TryComplete();
        var outcome = new RunOutcome(summary, _timeline ?? RunTimeline.Start(summary.StartTime));
        // Built once at the end: the same bytes as --report writes, offered by the page's download button.
        var data = ReportData.Of(outcome, _language);
        _report = HtmlReport.Page(data, _language);
        _builder.Wait();
        lock (_lock)
        {
            _endData = data;
        }

        Wake();
    }

    /// <summary>Rows from <paramref name="from"/> on, and the end's data once every row is out.</summary>
    public (IReadOnlyList<string> Rows, string? End) Since(int from)
    {
        lock (_lock)
        {
            var rows = from < _rows.Count ? _rows.GetRange(from, _rows.Count - from) : [];
            return (rows, _endData);
        }
    }

    /// <summary>A wake-up call for one browser: a token whenever there is something new.</summary>
    public ChannelReader<bool> Listen()
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_lock)
        {
            _listeners.Add(channel);
        }

        channel.Writer.TryWrite(true);
        return channel.Reader;
    }

    public void Forget(ChannelReader<bool> listener)
    {
        lock (_lock)
        {
            _listeners.RemoveAll(c => c.Reader == listener);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _seconds.Writer.TryComplete();
        await _builder;
    }

    private async Task BuildRowsAsync()
    {
        await foreach (var second in _seconds.Reader.ReadAllAsync())
        {
            var row = ReportSecond.Json(second, _start, _openModel);
            lock (_lock)
            {
                _rows.Add(row);
            }

            Wake();
        }
    }

    private void Wake()
    {
        lock (_lock)
        {
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(true);
            }
        }
    }
}
