using Surge.Execution;
using Surge.Metrics;
using Surge.Scenarios;
using Surge.Timeline;

namespace Surge.Tests.Execution;

public sealed class VuTests : IDisposable
{
    private readonly TestRunControl _control = new();
    private readonly RunContext _context;
    private readonly Vu _vu;

    public VuTests()
    {
        _context = new RunContext(Surge.Execution.Timing.RunClock.System, new TestPlan { Scenarios = [] }, _control, new RunEvents());
        _vu = new Vu(1, 1, "default", _context, TagSet.Empty, new Dictionary<string, string>());
        _vu.Enter();
    }

    public void Dispose()
    {
        _vu.Dispose();
        _context.Dispose();
        _control.Dispose();
    }

    [Fact]
    public void PlainRequests_AreSharedByTheVusOfARun_AndOthersAreNot()
    {
        using var other = new Vu(2, 2, "default", _context, TagSet.Empty, new Dictionary<string, string>());
        const string url = "http://127.0.0.1:9/items";

        var first = _vu.Http.Build("GET", url, null, null);
        var second = other.Http.Build("GET", url, null, null);
        var withBody = other.Http.Build("POST", url, "x", null);
        var withParams = other.Http.Build("GET", url, null, new Surge.Http.RequestParams { Name = "items" });

        Assert.Same(first, second); // one request, URL and encoded head for all VUs sending the same GET
        Assert.NotSame(withBody, other.Http.Build("POST", url, "x", null));
        Assert.NotSame(withParams, other.Http.Build("GET", url, null, new Surge.Http.RequestParams { Name = "items" }));
        Assert.Equal("items", withParams.Name);
    }

    [Fact]
    public void Check_PredicateThatThrows_IsAFailedCheck() =>
        Assert.False(_vu.Check(0, "parses", _ => throw new FormatException()));

    [Fact]
    public void Check_AbortInThePredicate_AbortsInsteadOfFailingTheCheck()
    {
        var abort = Assert.Throws<TestAbortedException>(() => _vu.Check(500, "status is 200", status =>
        {
            if (status != 200)
            {
                _vu.Abort("server down");
            }

            return true;
        }));

        Assert.Equal("server down", abort.Message);
    }

    [Fact]
    public void TrendAdd_AboveWhatItsHistogramHolds_WarnsOncePerTrend()
    {
        var bytes = new Trend("body_bytes");
        var wait = new Trend("wait", isTime: true);

        bytes.Add(5_000_000_000);
        wait.Add(5_000_000);
        wait.Add(7_000_000);
        wait.Add(1_000);

        var notices = _context.Events.Queued;
        var notice = Assert.Single(notices);
        Assert.Equal(EventKind.MetricOutOfRange, notice.Kind);
        Assert.Equal(
            "trend 'wait' got 5,000,000, above the 3,600,000 its histogram holds: its percentiles stop at 3,600,000 (count, avg, min and max stay exact)",
            notice.Message);
    }

    [Fact]
    public void TrendAdd_NonZeroValueThatRoundsToZero_Warns()
    {
        new Trend("ratio").Add(0.0001);

        Assert.Contains("trend 'ratio' got 0.0001, below the 0.001 it tells apart", Assert.Single(_context.Events.Queued).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendAdd_Infinity_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trend("size").Add(double.PositiveInfinity));
}
