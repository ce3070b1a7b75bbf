using System.Globalization;
using Surge.Outcome;
using Surge.Timeline;

namespace Surge.Analysis;

/// <summary>
/// Reads a finished run and says what limited it: a saturated resource (the bottleneck), a throughput
/// plateau (the knee), the load generator, errors, or nothing; and what to do next.
/// </summary>
/// <remarks>
/// In: the run's summary (scenarios, endpoints, status and error counts, the generator's health) and its
/// timeline (per-second load series and resource samples). Out: a <see cref="Diagnosis"/> of facts and
/// numbers. Every limit it judges by is in <see cref="DiagnosisThresholds"/>; a resource is named only
/// when a sample shows it at its limit, never by guess.
/// </remarks>
internal static class Diagnoser
{
    /// <summary>The outcome with its diagnosis: the one it carries (a results file's own), or one made from its seconds now.</summary>
    public static RunOutcome Complete(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Summary.Diagnosis is not null
            ? outcome
            : outcome with { Summary = outcome.Summary with { Diagnosis = Diagnose(outcome.Summary, outcome.Timeline) } };
    }

    /// <summary>Diagnoses a run.</summary>
    public static Diagnosis Diagnose(TestSummary summary, RunTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(timeline);
        var openModel = summary.Scenarios.Count > 0 && summary.Scenarios.All(s => s.OpenModel);
        var load = LoadSeries.Of(timeline, openModel);
        var facts = new LoadFacts(
            openModel,
            load.Loaded.Count == 0 ? 0 : load.Loaded.Max(load.Load),
            load.Loaded.Count == 0 ? 0 : load.Loaded.Max(i => load.Tps[i]),
            load.Loaded.Count);
        var monitored = timeline.Seconds.Any(s => s.Resources.Count > 0);
        var bottlenecks = SaturationFinder.Find(timeline, load);
        var limit = KneeFinder.Find(load, summary.Scenarios);
        var failure = FailureOf(summary, load);
        var generator = summary.Generator.Verdict is null
            ? null
            : new GeneratorLimit(summary.Generator.PeakCpu * 100, summary.Generator.MaxLag.TotalMilliseconds, summary.Generator.LimitedFor.TotalSeconds);

        var verdict = VerdictKind.None;
        verdict |= bottlenecks.Count > 0 ? VerdictKind.Bottleneck : 0;
        verdict |= limit is not null ? VerdictKind.ThroughputLimit : 0;
        verdict |= generator is not null ? VerdictKind.GeneratorLimited : 0;
        verdict |= failure is not null ? VerdictKind.Failing : 0;
        verdict |= !monitored ? VerdictKind.NoMonitors : 0;
        if (monitored && verdict == VerdictKind.None && load.Loaded.Count > 0)
        {
            verdict = VerdictKind.NoLimitReached;
        }

        var diagnosis = new Diagnosis
        {
            Verdict = verdict,
            Load = facts,
            Bottlenecks = bottlenecks,
            Limit = limit,
            Generator = generator,
            Failure = failure,
            SuggestedMonitors = monitored ? [] : SuggestMonitors(summary.Target),
        };
        return diagnosis with { NextSteps = NextSteps.For(diagnosis, summary) };
    }

    /// <summary>Errors dominate: half the requests or more failed for <see cref="DiagnosisThresholds.SustainedSeconds"/> seconds in a row, or over the whole run.</summary>
    private static Failure? FailureOf(TestSummary summary, LoadSeries load)
    {
        var loaded = load.Loaded.Where(i => load.Requests[i] > 0).ToList();
        if (loaded.Count == 0)
        {
            return null;
        }

        int? from = null;
        for (var k = 0; k + DiagnosisThresholds.SustainedSeconds <= loaded.Count && from is null; k++)
        {
            if (loaded.Skip(k).Take(DiagnosisThresholds.SustainedSeconds).All(i => load.ErrorRate[i] >= DiagnosisThresholds.Failing))
            {
                from = loaded[k];
            }
        }

        var whole = summary.Metric("http_req_failed").Rate;
        if (from is null && whole < DiagnosisThresholds.Failing)
        {
            return null;
        }

        var start = from ?? loaded[0];
        var after = loaded.Where(i => i >= start).ToList();
        var requests = after.Sum(i => load.Requests[i]);
        var rate = requests == 0 ? whole : after.Sum(i => load.ErrorRate[i] * load.Requests[i]) / requests;
        var causes = summary.StatusCounts()
            .Where(s => s.Key >= 400)
            .Select(s => new ErrorCause(s.Key.ToString(CultureInfo.InvariantCulture), s.Value))
            .Concat(summary.ErrorCounts().Select(e => new ErrorCause(e.Key, e.Value)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3)
            .ToList();
        return new Failure(load.StartOf(start), rate, causes);
    }

    /// <summary>The <c>--monitor</c> flags that would have watched the target of <paramref name="target"/>.</summary>
    private static IReadOnlyList<string> SuggestMonitors(string target)
    {
        var host = Uri.TryCreate(target, UriKind.Absolute, out var url) ? url.Host : null;
        var local = host is null or "localhost" or "127.0.0.1" or "::1" or "[::1]";
        return local
            ? ["--monitor local", "--monitor app=process:NAME", "--monitor db=process:postgres"]
            : [$"--monitor app=agent://{host}:9661", "--monitor db=agent://DB-HOST:9661", "--monitor local"];
    }
}
