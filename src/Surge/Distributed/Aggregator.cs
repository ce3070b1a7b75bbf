using Surge.Analysis;
using Surge.Execution;
using Surge.Execution.Segments;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Outputs;
using Surge.Results;
using Surge.Run;
using Surge.Timeline;

namespace Surge.Distributed;

/// <summary>
/// The live side of a test run by several generators, one per execution segment: it waits for one
/// generator per segment, gives them a common start time, reads the results lines each streams, and
/// as soon as every running generator has sent a second, merges that second exactly and hands it to
/// the outputs (console, results file, thresholds). Thresholds are judged on the merged seconds; an
/// abort, or <see cref="Stop"/>, is passed to every generator in the answer to its next lines.
/// </summary>
/// <remarks>
/// A generator that sends nothing for <see cref="AggregatorOptions.LostAfter"/> is counted out: said
/// as an event, its seconds so far kept; the test goes on without it, or stops with
/// <see cref="AggregatorOptions.RequireAll"/>. The summary is built from the same merged seconds.
/// </remarks>
internal sealed class Aggregator
{
    private readonly Lock _lock = new();
    private readonly TestPlan _plan;
    private readonly ExecutionSegmentSequence _sequence;
    private readonly List<ITestOutput> _outputs;
    private readonly AggregatorOptions _options;
    private readonly TimeProvider _time;
    private readonly MetricRegistry _registry = new();
    private readonly Member?[] _members;
    private readonly TaskCompletionSource<DateTimeOffset> _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RunEvents _events = new();
    private readonly ThresholdWatch _thresholds;
    private readonly List<string> _lost = [];
    private RunTimeline? _timeline;
    private StopReason? _stop;

    /// <param name="plan">The whole test's plan (its id and thresholds).</param>
    /// <param name="sequence">The segments, one generator each.</param>
    /// <param name="outputs">The consumers of the merged run.</param>
    /// <param name="options">How generators are treated.</param>
    /// <param name="time">The clock.</param>
    public Aggregator(TestPlan plan, ExecutionSegmentSequence sequence, IReadOnlyList<ITestOutput> outputs, AggregatorOptions options, TimeProvider time)
    {
        _plan = plan;
        _sequence = sequence;
        _options = options;
        _time = time;
        _ = new BuiltinMetrics(_registry); // registered first, as in a live run, so metrics list in the same order
        _members = new Member?[sequence.Segments.Count];
        _thresholds = new ThresholdWatch(plan.Thresholds, _events, reason =>
        {
            Stop(reason);
            return true;
        });
        _outputs = plan.Thresholds.Count == 0 ? [.. outputs] : [.. outputs, _thresholds];
    }

    /// <summary>The common start, once every segment has its generator.</summary>
    public Task<DateTimeOffset> StartTime => _start.Task;

    /// <summary>How many generators the test has: one per segment.</summary>
    public int Generators => _members.Length;

    /// <summary>How many generators have joined.</summary>
    public int Joined
    {
        get
        {
            lock (_lock)
            {
                return _members.Count(m => m is not null);
            }
        }
    }

    /// <summary>Takes a generator for <paramref name="segment"/>; returns its number (its segment's place in the sequence).</summary>
    /// <exception cref="JoinRefusedException">It runs another test, or the segment is not free; the message says which.</exception>
    public int Join(string testId, string segment)
    {
        if (testId != _plan.TestId)
        {
            throw new JoinRefusedException(
                $"this generator runs another test than the aggregator (test id {testId}, the aggregator's {_plan.TestId}): "
                + $"give every generator the aggregator's script and options, and --execution-segment-sequence {_sequence}");
        }

        var index = _sequence.Segments.ToList().FindIndex(s => s.ToString() == segment);
        lock (_lock)
        {
            if (index < 0)
            {
                throw new JoinRefusedException($"segment {segment} is not one of the aggregator's --execution-segment-sequence {_sequence}; give one of its segments");
            }

            if (_members[index] is not null || _start.Task.IsCompleted)
            {
                throw new JoinRefusedException($"segment {segment} has a generator already; give each generator its own segment of {_sequence}");
            }

            _members[index] = new Member(index, segment, new ResultsLineReader(_registry));
            if (_members.All(m => m is not null))
            {
                var start = _time.GetUtcNow() + _options.StartDelay;
                foreach (var member in _members)
                {
                    member!.LastHeard = start;
                }

                _start.TrySetResult(start);
            }

            return index;
        }
    }

    /// <summary>
    /// Reads lines generator <paramref name="index"/> sent and merges every second now complete; returns
    /// what the generator is to do: <c>go</c>, <c>stop</c> (gracefully), or <c>abort</c> (a threshold failed).
    /// </summary>
    /// <param name="index">The generator.</param>
    /// <param name="from">The number of the first line in the generator's stream: a batch sent again
    /// (its answer was lost) is not read twice.</param>
    /// <param name="lines">The lines.</param>
    public string Receive(int index, long from, IEnumerable<string> lines)
    {
        lock (_lock)
        {
            var member = _members[index] ?? throw new ArgumentOutOfRangeException(nameof(index));
            if (member.State == MemberState.Running)
            {
                member.LastHeard = _time.GetUtcNow();
                try
                {
                    if (from > member.LinesRead)
                    {
                        throw new InvalidDataException($"lines {member.LinesRead} to {from - 1} never came");
                    }

                    foreach (var line in lines.Skip((int)(member.LinesRead - from)))
                    {
                        member.LinesRead++;
                        member.Reader.Read(line);
                    }
                }
                catch (Exception exception) when (ResultsFileReader.IsLineProblem(exception))
                {
                    Lose(member, $"sent a line that is not a results line ({ResultsFileReader.Problem(exception)})");
                }

                if (member.Reader.Stopped)
                {
                    member.State = MemberState.Finished;
                }

                MergeReady();
            }

            return _stop switch
            {
                null => "go",
                StopReason.ThresholdAborted => "abort",
                _ => "stop",
            };
        }
    }

    /// <summary>Stops the test: every generator is told so in the answer to its next lines.</summary>
    public void Stop(StopReason reason)
    {
        lock (_lock)
        {
            _stop ??= reason;
        }
    }

    /// <summary>Runs the merged test: from the common start until every generator has finished or is lost.</summary>
    /// <param name="cancel">Gives up waiting for generators to join (Ctrl+C before the start).</param>
    /// <exception cref="OperationCanceledException">Cancelled before every generator joined.</exception>
    public async Task<RunOutcome> RunAsync(CancellationToken cancel)
    {
        var start = await _start.Task.WaitAsync(cancel);
        lock (_lock)
        {
            _timeline = RunTimeline.Start(start);
            Each(o => o.OnStart(new TestStart(_plan, start)));
            Publish(EventKind.GeneratorJoined, $"{_members.Length} generators joined ({_sequence}); the test starts at {start:HH:mm:ss.fff} UTC");
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), _time);
        while (!_ended.Task.IsCompleted && await timer.WaitForNextTickAsync(CancellationToken.None))
        {
            lock (_lock)
            {
                foreach (var member in _members.Where(m => m!.State == MemberState.Running && _time.GetUtcNow() - m.LastHeard > _options.LostAfter))
                {
                    Lose(member!, $"sent nothing for {Configuration.Durations.Format(_options.LostAfter)}");
                }

                MergeReady();
            }
        }

        lock (_lock)
        {
            return Finish();
        }
    }

    /// <summary>Counts generator <paramref name="index"/> out at once (its process is known to have ended), unless it has finished.</summary>
    public void Lose(int index, string why)
    {
        lock (_lock)
        {
            if (_members[index] is { State: MemberState.Running } member && _timeline is not null)
            {
                Lose(member, why);
                MergeReady();
            }
        }
    }

    private void Lose(Member member, string why)
    {
        member.State = MemberState.Lost;
        var what = $"generator {member.Index + 1} ({member.Segment}) {why}; it is counted out, its {member.Reader.Seconds.Count} second(s) kept";
        _lost.Add(what);
        if (_options.RequireAll)
        {
            what += "; --require-all stops the test";
            _stop ??= StopReason.Interrupted;
        }

        Publish(EventKind.GeneratorLost, what);
    }

    /// <summary>Merges and hands on every second that every running generator has sent.</summary>
    private void MergeReady()
    {
        if (_timeline is null)
        {
            return;
        }

        while (true)
        {
            var next = _timeline.Seconds.Count;
            var members = _members.Select(m => m!).ToList();
            if (members.Any(m => m.State == MemberState.Running && m.Reader.Seconds.Count <= next))
            {
                break;
            }

            var parts = members.Where(m => m.Reader.Seconds.Count > next).Select(m => m.Reader.Seconds[next]).ToList();
            if (parts.Count == 0)
            {
                _ended.TrySetResult(); // nobody runs, and nothing is left to merge
                return;
            }

            var second = SecondMerge.Merge(parts, out var totals);
            _timeline = _timeline.Append(second);
            var live = new IntervalSnapshot(second.Time, second.Elapsed, second.Length, totals);
            Each(o => o.OnSecond(new RunSecond(second, _timeline, live, [], IsLast: false)));
            while (_events.TryTake(out var notice))
            {
                var testEvent = new TestEvent(notice.Kind, second.Elapsed, notice.Message);
                Each(o => o.OnEvent(testEvent));
            }
        }
    }

    private void Publish(EventKind kind, string message)
    {
        var testEvent = new TestEvent(kind, _timeline is { Seconds.Count: > 0 } timeline ? timeline.Seconds[^1].Elapsed : TimeSpan.Zero, message);
        Each(o => o.OnEvent(testEvent));
    }

    private RunOutcome Finish()
    {
        // A lost generator's file has no stop line; the test's end is the others' (the loss is said in the stop message).
        var files = _members
            .Select(m => m!.State == MemberState.Lost
                ? m.Reader.ToFile($"generator {m.Index + 1} ({m.Segment})") with { Reason = StopReason.Completed }
                : m.Reader.ToFile($"generator {m.Index + 1} ({m.Segment})"))
            .ToList();
        var merged = ResultsMerge.Merge(files);
        merged = merged with
        {
            Thresholds = _plan.Thresholds,
            Scenarios = [.. merged.Scenarios.Select(s => _plan.Scenarios.FirstOrDefault(p => p.Name == s.Name) is { } whole ? s with { Description = whole.Executor.Describe() } : s)],
            Reason = _stop ?? merged.Reason,
            StopMessage = merged.StopMessage ?? (_lost.Count > 0 ? string.Join("; ", _lost) : null),
        };
        var outcome = merged.ToOutcome();
        var summary = outcome.Summary with { Diagnosis = Diagnoser.Diagnose(outcome.Summary, outcome.Timeline) };
        Each(o => o.OnEnd(summary));
        return outcome with { Summary = summary };
    }

    private void Each(Action<ITestOutput> action)
    {
        foreach (var output in _outputs)
        {
            action(output);
        }
    }

    private enum MemberState
    {
        Running,
        Finished,
        Lost,
    }

    private sealed class Member(int index, string segment, ResultsLineReader reader)
    {
        public int Index { get; } = index;

        public string Segment { get; } = segment;

        public ResultsLineReader Reader { get; } = reader;

        public MemberState State { get; set; }

        public DateTimeOffset LastHeard { get; set; }

        public long LinesRead { get; set; }
    }
}
