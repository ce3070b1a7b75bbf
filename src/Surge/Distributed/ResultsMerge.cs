using Surge.Configuration;
using Surge.Execution.Segments;
using Surge.Metrics;
using Surge.Outcome;
using Surge.Results;
using Surge.Timeline;

namespace Surge.Distributed;

/// <summary>
/// The results files of one test's generators read as one run (<c>surge report a.ndjson b.ndjson …</c>):
/// second by second merged exactly, thresholds and goals evaluated on the merged seconds. Files of
/// another test, or a set that leaves a segment out, are refused with a line that says which.
/// </summary>
internal static class ResultsMerge
{
    /// <summary>Reads the files as one run.</summary>
    /// <exception cref="ConfigException">The files are not the whole of one test; the message says what is wrong.</exception>
    /// <exception cref="FormatException">A file is not a Surge results file.</exception>
    public static RunOutcome Read(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 1)
        {
            return ResultsFileReader.ReadRun(paths[0]);
        }

        var registry = new MetricRegistry();
        _ = new BuiltinMetrics(registry); // registered first, as in a live run, so metrics list in the same order
        var files = paths.Select(p => ResultsFileReader.Parse(p, registry)).ToList();
        CheckOneWholeTest(files);
        return Merge(files).ToOutcome();
    }

    /// <summary>The files merged into one; their seconds are aligned by their number from each generator's start.</summary>
    public static ResultsFile Merge(IReadOnlyList<ResultsFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var first = files[0];
        var timeline = RunTimeline.Start(files.Min(f => f.Timeline.StartTime));
        var seconds = files.Max(f => f.Timeline.Seconds.Count);
        for (var i = 0; i < seconds; i++)
        {
            timeline = timeline.Append(SecondMerge.Merge([.. files.Where(f => f.Timeline.Seconds.Count > i).Select(f => f.Timeline.Seconds[i])]));
        }

        return new ResultsFile(first.Path, first.TestId, Segment: null, first.Target, timeline)
        {
            Thresholds = first.Thresholds,
            Scenarios = MergeScenarios(files),
            Duration = files.Max(f => f.Duration),
            LoadDuration = files.Max(f => f.LoadDuration),
            Reason = files.Select(f => f.Reason).FirstOrDefault(r => r != StopReason.Completed, StopReason.Completed),
            StopMessage = files.Select(f => f.StopMessage).FirstOrDefault(m => m is not null),
            FailReasons = [.. files.SelectMany(f => f.FailReasons).Distinct()],
            Generator = files.Select(f => f.Generator).MaxBy(g => (g.LimitedFor, g.PeakCpu))!,
            Resources = [.. files.SelectMany(f => f.Resources)],
        };
    }

    /// <summary>One scenario per name, its counts summed over the generators.</summary>
    public static IReadOnlyList<ScenarioSummary> MergeScenarios(IReadOnlyList<ResultsFile> files) =>
        [.. files.SelectMany(f => f.Scenarios).GroupBy(s => s.Name).Select(g =>
        {
            var first = g.First();
            return first with
            {
                Description = g.Count() == 1 ? first.Description : $"{first.Executor}, merged from {g.Count()} generators",
                CompletedIterations = g.Sum(s => s.CompletedIterations),
                InterruptedIterations = g.Sum(s => s.InterruptedIterations),
                FailedIterations = g.Sum(s => s.FailedIterations),
                Errors = [.. g.SelectMany(s => s.Errors).GroupBy(e => (e.Message, e.Location)).Select(e => new IterationError(e.Key.Message, e.Key.Location, e.Sum(x => x.Count)))],
                DroppedIterations = g.Sum(s => s.DroppedIterations),
                ExpectedIterations = g.All(s => s.ExpectedIterations is not null) ? g.Sum(s => s.ExpectedIterations) : null,
                Ran = g.Max(s => s.Ran),
                LoadTime = g.Max(s => s.LoadTime),
            };
        })];

    private static void CheckOneWholeTest(List<ResultsFile> files)
    {
        var first = files[0];
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.Path);
            if (file.TestId.Length == 0 || file.Segment is null)
            {
                throw new ConfigException($"{name} ran the whole test, not one segment of it; merge the results files of one test's generators (surge run --execution-segment … --out FILE)");
            }

            if (file.TestId != first.TestId)
            {
                throw new ConfigException(
                    $"{name} is of another test than {Path.GetFileName(first.Path)} (test id {file.TestId}, not {first.TestId}: another script, options or segment sequence); merge the results files of one test's generators");
            }
        }

        try
        {
            ExecutionSegmentSequence.Of(files.Select(f => ExecutionSegment.Parse(f.Segment!)));
        }
        catch (ConfigException exception)
        {
            var segments = string.Join(", ", files.Select(f => $"{Path.GetFileName(f.Path)} {f.Segment}"));
            throw new ConfigException($"the results files are not the whole test ({segments}): {exception.Message}; give the results file of every generator, each once", exception);
        }
    }
}
