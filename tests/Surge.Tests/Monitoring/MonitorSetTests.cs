using Microsoft.Extensions.Time.Testing;
using Surge.Monitoring;

namespace Surge.Tests.Monitoring;

public class MonitorSetTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly List<string> _notices = [];

    [Fact]
    public async Task FailingSource_IsReportedOnce_RetriedAfterFiveSeconds_AndSaidToBeBack()
    {
        var source = new ScriptedMonitor("db") { Next = () => throw new MonitorException("process 'postgres' not found") };
        using var set = new MonitorSet([source], _time);

        Assert.Empty(await SecondAsync(set));
        Assert.Empty(await SecondAsync(set)); // left alone: not asked again within 5 s
        Assert.Equal(1, source.Calls);

        _time.Advance(MonitorSet.RetryAfter);
        Assert.Empty(await SecondAsync(set)); // asked again, still failing: nothing new to say
        Assert.Equal(2, source.Calls);

        _time.Advance(MonitorSet.RetryAfter);
        source.Next = () => [Sample("db", 50)];
        var back = await SecondAsync(set);

        Assert.Equal(50, Assert.Single(back).CpuPercent);
        Assert.Equal(
            ["monitor db (scripted:db): process 'postgres' not found; retrying every 5 s, the test goes on", "monitor db (scripted:db) is back"],
            _notices);
        var summary = Assert.Single(set.Totals.Summaries());
        Assert.Equal("process 'postgres' not found", summary.Problem);
        Assert.Equal(1, summary.Samples);
    }

    [Fact]
    public async Task Start_TakesTheBaseline_SoTheFirstSecondHasRates_AndKeepsNothing()
    {
        var source = new ScriptedMonitor("local") { Next = () => [Sample("local", 5)] };
        using var set = new MonitorSet([source], _time);

        await set.StartAsync(_notices.Add);
        Assert.Empty(set.Totals.Summaries());
        var first = await SecondAsync(set);

        Assert.Equal(2, source.Calls);
        Assert.Single(first);
        Assert.Equal(1, Assert.Single(set.Totals.Summaries()).Samples);
    }

    [Fact]
    public async Task AnotherProblem_IsReportedAgain()
    {
        var source = new ScriptedMonitor("web") { Next = () => throw new MonitorException("connection refused") };
        using var set = new MonitorSet([source], _time);

        await SecondAsync(set);
        _time.Advance(MonitorSet.RetryAfter);
        source.Next = () => throw new MonitorException("refused the token (401)");
        await SecondAsync(set);

        Assert.Equal(2, _notices.Count);
        Assert.Contains("refused the token (401)", _notices[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceThatDoesNotAnswerInTime_IsCutOff_AndOthersStillReport()
    {
        var stuck = new ScriptedMonitor("slow") { NextAsync = NeverAsync };
        var fine = new ScriptedMonitor("local") { Next = () => [Sample("local", 10)] };
        using var set = new MonitorSet([stuck, fine], _time);

        var second = set.SampleAsync(_notices.Add);
        _time.Advance(MonitorSet.SampleTimeout);
        var samples = await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("local", Assert.Single(samples).Target);
        Assert.Equal(["monitor slow (scripted:slow): no answer within 900 ms; retrying every 5 s, the test goes on"], _notices);
    }

    [Fact]
    public async Task SourceWithABug_IsReportedLikeAnyFailure()
    {
        var buggy = new ScriptedMonitor("db") { Next = () => throw new InvalidOperationException("oops") };
        using var set = new MonitorSet([buggy], _time);

        Assert.Empty(await SecondAsync(set));

        Assert.Equal(["monitor db (scripted:db): InvalidOperationException: oops; retrying every 5 s, the test goes on"], _notices);
    }

    [Fact]
    public async Task PartOfASourceFailing_IsReportedOnce_WhileTheRestIsSampled_AndSaidToBeBack()
    {
        var agent = new ScriptedMonitor("web") { Next = () => [Sample("web", 30)] };
        agent.Problems = new Dictionary<string, string> { ["web/postgres"] = "process 'postgres' not found" };
        using var set = new MonitorSet([agent], _time);

        Assert.Single(await SecondAsync(set));
        Assert.Single(await SecondAsync(set));
        agent.Problems = new Dictionary<string, string>();
        await SecondAsync(set);

        Assert.Equal(
            ["monitor web/postgres (scripted:web): process 'postgres' not found; the test goes on", "monitor web/postgres (scripted:web) is back"],
            _notices);
        Assert.Contains(set.Totals.Summaries(), s => s.Target == "web/postgres" && s.Problem == "process 'postgres' not found");
    }

    private static async Task<IReadOnlyList<ResourceSample>> NeverAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return [];
    }

    private Task<IReadOnlyList<ResourceSample>> SecondAsync(MonitorSet set) => set.SampleAsync(_notices.Add);

    private static ResourceSample Sample(string target, double cpu) => new() { Target = target, Kind = "host", CpuPercent = cpu };

    /// <summary>A source whose next answer the test decides.</summary>
    private sealed class ScriptedMonitor(string label) : IMonitor
    {
        public Func<IReadOnlyList<ResourceSample>>? Next { get; set; }

        public Func<CancellationToken, Task<IReadOnlyList<ResourceSample>>>? NextAsync { get; set; }

        public IReadOnlyDictionary<string, string> Problems { get; set; } = new Dictionary<string, string>();

        public int Calls { get; private set; }

        public string Label { get; } = label;

        public string Source => $"scripted:{Label}";

        public IReadOnlyDictionary<string, string> PartProblems => Problems;

        public Task<IReadOnlyList<ResourceSample>> SampleAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return NextAsync is not null ? NextAsync(cancellationToken) : Task.FromResult(Next!());
        }

        public void Dispose()
        {
        }
    }
}
