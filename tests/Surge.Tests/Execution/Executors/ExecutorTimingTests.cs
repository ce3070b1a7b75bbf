using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Surge.Execution;
using Surge.Outcome;
using Surge.Execution.Executors;
using Surge.Timeline;
using Surge.Outputs;

namespace Surge.Tests.Execution.Executors;

/// <summary>Each executor run on a fake clock: how many iterations, when, on which VUs, and what is dropped or interrupted.</summary>
public class ExecutorTimingTests
{
    [Fact]
    public async Task SharedIterations_VusShareTheCount_AndFinishEarly()
    {
        var time = FakeClock.NewTime();
        var perVu = new ConcurrentDictionary<int, int>();
        var options = new SharedIterationsOptions { Vus = 3, Iterations = 30, GracefulStop = TimeSpan.Zero };

        var summary = await FakeClock.RunAsync(time, new Scenario("s", options, Counting(time, TimeSpan.FromMilliseconds(100), perVu)));

        Assert.Equal(30, summary.Scenarios[0].CompletedIterations);
        Assert.Equal(0, summary.Scenarios[0].DroppedIterations);
        Assert.All(perVu.Values, count => Assert.InRange(count, 9, 11));
        Assert.InRange(summary.Duration, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(1.3)); // 10 rounds of 100 ms, not 10 minutes
    }

    [Fact]
    public async Task ExecutorTags_TagTheScenariosSamples_OverTheScenariosOwn()
    {
        var time = FakeClock.NewTime();
        var options = new PerVuIterationsOptions { Vus = 1, Iterations = 2, Tags = new Dictionary<string, string> { ["kind"] = "read" } };
        var scenario = new Scenario("p", options, FakeClock.Takes(time, TimeSpan.FromMilliseconds(10)))
        {
            Tags = new Dictionary<string, string> { ["kind"] = "write", ["team"] = "shop" },
        };

        var summary = await FakeClock.RunAsync(time, scenario);

        Assert.Equal(2, summary.Metric("iterations", Surge.Metrics.TagSet.Of("kind", "read", "team", "shop")).Sum);
        Assert.Equal(0, summary.Metric("iterations", Surge.Metrics.TagSet.Of("kind", "write")).Sum);
    }

    [Fact]
    public async Task PerVuIterations_EachVuRunsExactlyItsCount()
    {
        var time = FakeClock.NewTime();
        var perVu = new ConcurrentDictionary<int, int>();
        var options = new PerVuIterationsOptions { Vus = 4, Iterations = 5, GracefulStop = TimeSpan.Zero };

        var summary = await FakeClock.RunAsync(time, new Scenario("p", options, Counting(time, TimeSpan.FromMilliseconds(30), perVu)));

        Assert.Equal(20, summary.Scenarios[0].CompletedIterations);
        Assert.Equal([5, 5, 5, 5], perVu.Values);
    }

    [Fact]
    public async Task SharedIterations_MaxDurationRunsOut_RestIsDroppedAndInFlightInterrupted()
    {
        var time = FakeClock.NewTime();
        var options = new SharedIterationsOptions { Vus = 1, Iterations = 100, MaxDuration = TimeSpan.FromSeconds(1), GracefulStop = TimeSpan.FromMilliseconds(20) };

        var summary = await FakeClock.RunAsync(time, new Scenario("s", options, FakeClock.Takes(time, TimeSpan.FromMilliseconds(300))));

        var scenario = summary.Scenarios[0];
        Assert.Equal(3, scenario.CompletedIterations); // 0.3, 0.6, 0.9 s; the 4th is cut at 1.02 s
        Assert.Equal(1, scenario.InterruptedIterations);
        Assert.Equal(96, scenario.DroppedIterations);
        Assert.Equal(96, summary.Metric("dropped_iterations").Sum);
    }

    [Fact]
    public async Task LoadDuration_FromTheFirstIteration_ToTheLastOnesEnd_GracefulTailIncluded()
    {
        var time = FakeClock.NewTime();
        var options = new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(1), GracefulStop = TimeSpan.FromSeconds(1) };

        var summary = await FakeClock.RunAsync(time, new Scenario("s", options, FakeClock.Takes(time, TimeSpan.FromMilliseconds(300))));

        // Iterations end at 0.3, 0.6, 0.9 and 1.2 s; the last ran into the graceful stop, and since its
        // response counts, so does its time: 4 in 1.2 s is this server's pace, 4 in 1 s is not.
        // The first starts at the first clock step after the scenario's start.
        Assert.InRange(summary.LoadDuration, TimeSpan.FromSeconds(1.2) - FakeClock.Step, TimeSpan.FromSeconds(1.2) + FakeClock.Step);
        Assert.Equal(summary.LoadDuration, summary.Scenarios[0].LoadTime);
        Assert.Equal(4, summary.Scenarios[0].CompletedIterations);
    }

    [Fact]
    public async Task ConstantVus_GracefulStopLetsIterationsFinish_ThenInterrupts()
    {
        var time = FakeClock.NewTime();
        var finishes = new ConstantVusOptions { Vus = 2, Duration = TimeSpan.FromSeconds(1), GracefulStop = TimeSpan.FromMilliseconds(500) };
        var cut = finishes with { GracefulStop = TimeSpan.FromMilliseconds(100) };

        var graceful = await FakeClock.RunAsync(time, new Scenario("g", finishes, FakeClock.Takes(time, TimeSpan.FromMilliseconds(400))));
        var interrupted = await FakeClock.RunAsync(time, new Scenario("i", cut, FakeClock.Takes(time, TimeSpan.FromMilliseconds(400))));

        Assert.Equal(6, graceful.Scenarios[0].CompletedIterations); // 0.4, 0.8, 1.2 s per VU: the third ends inside the grace
        Assert.Equal(0, graceful.Scenarios[0].InterruptedIterations);
        Assert.Equal(4, interrupted.Scenarios[0].CompletedIterations);
        Assert.Equal(2, interrupted.Scenarios[0].InterruptedIterations);
    }

    [Fact]
    public async Task ConstantVus_IterationsThatThrow_AreCountedAndTheVuGoesOn_UntilTheScriptAborts()
    {
        // One VU, 100 ms iterations: the even ones throw, the seventh aborts the test (k6's test.abort()).
        // The abort also stops the run, so the VU would stop with it either way; what is checked here is
        // the counting, and that a failed iteration does not stop its VU.
        var time = FakeClock.NewTime();
        var started = 0;
        var seen = new ConcurrentQueue<long>();
        IterationFunc exec = async (vu, ct) =>
        {
            var n = Interlocked.Increment(ref started);
            seen.Enqueue(vu.Iteration);
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
            if (n == 7)
            {
                throw new TestAbortedException("enough");
            }

            if (n % 2 == 0)
            {
                throw new InvalidOperationException("boom");
            }
        };

        var summary = await FakeClock.RunAsync(time, new Scenario("loop", new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(10) }, exec));

        var scenario = summary.Scenarios[0];
        Assert.Equal(StopReason.ScriptAborted, summary.StopReason);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6 }, seen); // a failed iteration counts as one: the next sees the number after it
        Assert.Equal(3, scenario.CompletedIterations); // 1, 3, 5
        Assert.Equal(3, scenario.FailedIterations); // 2, 4, 6: each counted, and the VU went on
        Assert.Equal(4, scenario.InterruptedIterations); // the failed ones and the abort
        Assert.Equal(3, Assert.Single(scenario.Errors, e => e.Message.Contains("boom", StringComparison.Ordinal)).Count);
        Assert.Equal(3, summary.Metric("iterations").Sum); // only completed iterations are counted, as in k6
    }

    [Fact]
    public async Task ConstantArrivalRate_StartsOnScheduleWithoutDrift()
    {
        var time = FakeClock.NewTime();
        var starts = new ConcurrentBag<TimeSpan>();
        var begin = time.GetTimestamp();
        var options = new ConstantArrivalRateOptions { Rate = 20, Duration = TimeSpan.FromSeconds(2), PreAllocatedVus = 3, GracefulStop = TimeSpan.Zero };
        IterationFunc exec = (_, ct) =>
        {
            starts.Add(time.GetElapsedTime(begin));
            return new ValueTask(Task.Delay(TimeSpan.FromMilliseconds(70), time, ct));
        };

        var summary = await FakeClock.RunAsync(time, new Scenario("r", options, exec));

        var ordered = starts.Order().ToList();
        Assert.Equal(40, ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            // The i-th start is due at i × 50 ms, however late the one before it ran: a start taken
            // late by the thread pool (a step or two of the fake clock) does not push the next ones.
            Assert.InRange(ordered[i].TotalMilliseconds, (i * 50) - 0.5, (i * 50) + (3 * FakeClock.Step.TotalMilliseconds) + 0.5);
        }

        Assert.Equal(0, summary.Scenarios[0].DroppedIterations);
        Assert.Equal(40, summary.Scenarios[0].ExpectedIterations);
        Assert.Equal(20, summary.Scenarios[0].AchievedRate, 3);
    }

    [Fact]
    public async Task ConstantArrivalRate_HighRate_StartsEachBatchTogether_NeverMoreThanTheWindowEarly()
    {
        var time = FakeClock.NewTime();
        var starts = new ConcurrentBag<TimeSpan>();
        var begin = time.GetTimestamp();
        var options = new ConstantArrivalRateOptions { Rate = 500, Duration = TimeSpan.FromSeconds(1), PreAllocatedVus = 50, GracefulStop = TimeSpan.FromSeconds(1) };
        IterationFunc exec = (_, ct) =>
        {
            starts.Add(time.GetElapsedTime(begin));
            return new ValueTask(Task.Delay(TimeSpan.FromMilliseconds(1), time, ct));
        };

        var summary = await FakeClock.RunAsync(time, new Scenario("r", options, exec));

        // Due every 2 ms from the scenario's start, which is the first iteration's (the scenario starts off the
        // runner's flow, so possibly a clock step after the run began). A wake-up starts the one it was for and
        // those due within the window after it: the i-th start is never before its due time less the window,
        // and some do start early.
        var origin = starts.Min();
        var ordered = starts.Select(s => s - origin).Order().ToList();
        Assert.Equal(500, ordered.Count);
        var window = ArrivalRateExecutor.BatchWindow.TotalMilliseconds;
        Assert.All(Enumerable.Range(0, 500), i => Assert.True(ordered[i].TotalMilliseconds >= (i * 2) - window - 0.001, $"start {i} at {ordered[i].TotalMilliseconds} ms"));
        Assert.Contains(Enumerable.Range(0, 500), i => ordered[i].TotalMilliseconds < i * 2);
        Assert.Equal(0, summary.Scenarios[0].DroppedIterations);
    }

    [Fact]
    public async Task ConstantArrivalRate_NoFreeVu_IterationIsDroppedAndCounted_AndTheWarningSaysToRaiseMaxVus()
    {
        var time = FakeClock.NewTime();
        var options = new ConstantArrivalRateOptions
        {
            Rate = 10, Duration = TimeSpan.FromSeconds(2), PreAllocatedVus = 1, MaxVusAllowed = 2, GracefulStop = TimeSpan.FromSeconds(2),
        };
        var events = new EventLog();

        var summary = await FakeClock.RunAsync(time, [events], new Scenario("r", options, FakeClock.Takes(time, TimeSpan.FromMilliseconds(450))));

        var warning = Assert.Single(events.Events, e => e.Kind == EventKind.DroppedIterations);
        Assert.Equal("scenario 'r': iterations are being dropped, no VU was free; raise maxVUs (now 2)", warning.Message);

        var scenario = summary.Scenarios[0];
        // 20 are due; two VUs, each busy 450 ms, take every fifth start between them: 0, 100, 500, 600, ... ms.
        Assert.Equal(8, scenario.CompletedIterations);
        Assert.Equal(12, scenario.DroppedIterations);
        Assert.Equal(12, summary.Metric("dropped_iterations").Sum);
        Assert.Equal(2, (int)summary.Metric("vus_max").Max);
    }

    [Fact]
    public async Task StartTime_SequencesScenarios_TheSecondStartsWhenTheFirstEnds()
    {
        var time = FakeClock.NewTime();
        var origin = time.GetUtcNow();
        var starts = new ConcurrentDictionary<string, ConcurrentBag<TimeSpan>>();
        IterationFunc Recording(string name) => (vu, ct) =>
        {
            starts.GetOrAdd(name, _ => []).Add(time.GetUtcNow() - origin);
            return new ValueTask(Task.Delay(TimeSpan.FromMilliseconds(100), time, ct));
        };
        var login = new ConstantVusOptions { Vus = 2, Duration = TimeSpan.FromSeconds(1), GracefulStop = TimeSpan.Zero };
        var browse = new ConstantVusOptions { Vus = 3, Duration = TimeSpan.FromSeconds(1), StartTime = TimeSpan.FromSeconds(1), GracefulStop = TimeSpan.Zero };

        var summary = await FakeClock.RunAsync(time, new Scenario("login", login, Recording("login")), new Scenario("browse", browse, Recording("browse")));

        // Steps of fake time are settled by a heuristic, so the edges get a step or two of slack.
        Assert.InRange(starts["login"].Max(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1050));
        Assert.InRange(starts["browse"].Min(), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1200));
        Assert.InRange(summary.Scenarios.Single(s => s.Name == "browse").CompletedIterations, 20, 30);
    }

    [Fact]
    public async Task RampingArrivalRate_FollowsTheRamp()
    {
        var time = FakeClock.NewTime();
        var options = new RampingArrivalRateOptions
        {
            StartRate = 0, Stages = [new Stage(TimeSpan.FromSeconds(2), 20), new Stage(TimeSpan.FromSeconds(1), 20)],
            PreAllocatedVus = 5, GracefulStop = TimeSpan.Zero,
        };
        var starts = new ConcurrentBag<TimeSpan>();
        var begin = time.GetTimestamp();
        IterationFunc exec = (_, _) =>
        {
            starts.Add(time.GetElapsedTime(begin));
            return ValueTask.CompletedTask;
        };

        var summary = await FakeClock.RunAsync(time, new Scenario("ramp", options, exec));

        // 0→20/s over 2 s accumulates 20 starts (N(t) = 5·t²): the n-th at √(n/5) s, from n = 1 as
        // nothing is due at a rate of 0; the 20th falls at 2 s, then one every 50 ms until 3 s.
        Assert.Equal(39, summary.Scenarios[0].CompletedIterations);
        Assert.Equal(39, summary.Scenarios[0].ExpectedIterations);
        Assert.Equal(19, starts.Count(s => s < TimeSpan.FromSeconds(2)));
        Assert.Equal(4, starts.Count(s => s < TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task RampingVus_FollowsThePlan_AndRampDownInterruptsAfterItsGrace()
    {
        var time = FakeClock.NewTime();
        var active = 0;
        var peak = 0;
        var options = new RampingVusOptions
        {
            StartVus = 0,
            Stages = [new Stage(TimeSpan.FromSeconds(1), 4), new Stage(TimeSpan.FromSeconds(1), 4), new Stage(TimeSpan.Zero, 1), new Stage(TimeSpan.FromSeconds(1), 1)],
            GracefulRampDown = TimeSpan.FromMilliseconds(100),
            GracefulStop = TimeSpan.Zero,
        };
        IterationFunc exec = async (_, ct) =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref peak, now);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(350), time, ct);
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        };

        var summary = await FakeClock.RunAsync(time, new Scenario("vus", options, exec));

        Assert.Equal(4, peak);
        Assert.Equal(4, (int)summary.Metric("vus_max").Max);
        // VUs start at 0.25, 0.5, 0.75 and 1 s and loop 350 ms iterations. At 2 s VUs 4, 3 and 2 leave
        // mid-iteration; at 2.1 s VU 2 (until 2.25 s) and VU 3 (until 2.15 s) are cut, VU 4 ended at
        // 2.05 s. At 3 s VU 1 is cut (gracefulStop 0), in its iteration from 2.7 to 3.05 s. Every edge is
        // 5 steps of the fake clock or more from the moment that decides it, so a step the settling
        // heuristic lets pass early cannot change the count.
        Assert.Equal(3, summary.Scenarios[0].InterruptedIterations);
    }

    private static IterationFunc Counting(FakeTimeProvider time, TimeSpan length, ConcurrentDictionary<int, int> perVu) =>
        (vu, ct) =>
        {
            perVu.AddOrUpdate(vu.Id, 1, (_, n) => n + 1);
            return new ValueTask(Task.Delay(length, time, ct));
        };

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    [Fact]
    public async Task ConstantVus_AValueAnExecSetsOnItsFlow_DoesNotReachTheVusNextIteration()
    {
        var time = FakeClock.NewTime();
        var local = new AsyncLocal<long>();
        var seen = new ConcurrentQueue<long>();
        IterationFunc notAsync = (vu, ct) =>
        {
            seen.Enqueue(local.Value);
            local.Value = vu.Iteration + 1; // on the iteration's flow, before its first await
            return new ValueTask(Task.Delay(TimeSpan.FromMilliseconds(100), time, ct));
        };
        var options = new ConstantVusOptions { Vus = 1, Duration = TimeSpan.FromSeconds(1), GracefulStop = TimeSpan.FromSeconds(1) };

        await FakeClock.RunAsync(time, new Scenario("s", options, notAsync));

        Assert.True(seen.Count >= 5, $"{seen.Count} iterations");
        Assert.All(seen, value => Assert.Equal(0L, value));
    }

    /// <summary>Keeps the run's events (warnings, notices).</summary>
    private sealed class EventLog : Surge.Outputs.ITestOutput
    {
        public ConcurrentQueue<TestEvent> Events { get; } = new();

        public void OnStart(TestStart start)
        {
        }

        public void OnSecond(Surge.Outputs.RunSecond second)
        {
        }

        public void OnEvent(TestEvent testEvent) => Events.Enqueue(testEvent);

        public void OnEnd(Surge.Outcome.TestSummary summary)
        {
        }
    }
}
