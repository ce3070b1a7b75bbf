using Surge.Outcome;

namespace Surge.Analysis;

/// <summary>
/// The next steps of a diagnosis, in the seed notes' order for the bottleneck's role: app server — fix
/// the code, move static files out, scale out, scale up; database — fix queries, scale up, add a read
/// replica, add a cache.
/// </summary>
internal static class NextSteps
{
    /// <summary>The steps for <paramref name="diagnosis"/>, the most urgent first.</summary>
    public static IReadOnlyList<NextStep> For(Diagnosis diagnosis, TestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentNullException.ThrowIfNull(summary);
        var steps = new List<NextStep>();
        if (diagnosis.Failure is { } failure)
        {
            steps.Add(new NextStep(NextStepKind.FixErrors, failure.Causes.Count > 0 ? failure.Causes[0].Name : null));
        }

        if (diagnosis.Has(VerdictKind.GeneratorLimited))
        {
            steps.Add(new NextStep(NextStepKind.BiggerGenerator));
        }

        if (diagnosis.Bottleneck is { } bottleneck)
        {
            steps.AddRange(ForRole(bottleneck, summary));
        }
        else if (diagnosis.Has(VerdictKind.ThroughputLimit))
        {
            // The limit is real but no monitored resource shows it: a pool, a lock, or a server not watched.
            steps.Add(new NextStep(NextStepKind.AddMonitors, diagnosis.SuggestedMonitors.Count > 0 ? string.Join("  ", diagnosis.SuggestedMonitors) : null));
            steps.Add(new NextStep(NextStepKind.FixCode, CostliestEndpoint(summary)));
        }
        else if (diagnosis.Has(VerdictKind.NoMonitors))
        {
            steps.Add(new NextStep(NextStepKind.AddMonitors, string.Join("  ", diagnosis.SuggestedMonitors)));
        }

        if (diagnosis.Has(VerdictKind.NoLimitReached) || (diagnosis.Verdict == VerdictKind.NoMonitors && diagnosis.Load.Seconds > 0))
        {
            steps.Add(new NextStep(NextStepKind.LoadHarder));
        }

        return steps;
    }

    private static List<NextStep> ForRole(Bottleneck bottleneck, TestSummary summary)
    {
        var target = bottleneck.Target;
        if (bottleneck.Resource == LimitedResource.Descriptors)
        {
            // Out of descriptors, a server refuses connections whatever its CPU: the limit comes before the role's steps.
            var first = ForRole(bottleneck with { Resource = LimitedResource.Cpu }, summary);
            first.Insert(0, new(NextStepKind.RaiseDescriptorLimit, target));
            return first;
        }

        switch (bottleneck.Role)
        {
            case TargetRole.Database:
                return [new(NextStepKind.FixQueries, target), new(NextStepKind.ScaleUp, target), new(NextStepKind.ReadReplica, target), new(NextStepKind.AddCache, target)];
            case TargetRole.Cache:
                return [new(NextStepKind.FixCacheUse, target), new(NextStepKind.ScaleUp, target), new(NextStepKind.ShardCache, target)];
        }

        var large = LargestResponses(summary);
        if (bottleneck.Resource == LimitedResource.Network)
        {
            return [new(NextStepKind.MoveStaticFiles, large), new(NextStepKind.ScaleOut, target), new(NextStepKind.ScaleUp, target)];
        }

        var steps = new List<NextStep> { new(NextStepKind.FixCode, CostliestEndpoint(summary)) };
        if (large is not null)
        {
            steps.Add(new(NextStepKind.MoveStaticFiles, large));
        }

        steps.Add(new(NextStepKind.ScaleOut, target));
        steps.Add(new(NextStepKind.ScaleUp, target));
        return steps;
    }

    /// <summary>The endpoint that costs most of the time: requests × mean latency.</summary>
    internal static string? CostliestEndpoint(TestSummary summary) =>
        summary.Endpoints().OrderByDescending(e => e.Requests * e.AvgMs).Select(e => $"{e.Method} {e.Name}".Trim()).FirstOrDefault();

    /// <summary>The endpoint with the largest responses, when large responses carry most of the bytes received; null otherwise.</summary>
    internal static string? LargestResponses(TestSummary summary)
    {
        var bytes = Per(summary, "data_received");
        var requests = Per(summary, "http_reqs");
        var total = bytes.Values.Sum();
        if (total <= 0)
        {
            return null;
        }

        var large = bytes
            .Where(b => requests.TryGetValue(b.Key, out var count) && count > 0 && b.Value / count >= DiagnosisThresholds.LargeResponseBytes)
            .OrderByDescending(b => b.Value)
            .ToList();
        return large.Sum(b => b.Value) >= DiagnosisThresholds.LargeBytesShare * total ? large[0].Key : null;
    }

    private static Dictionary<string, double> Per(TestSummary summary, string metric) =>
        summary.Totals.Series
            .Where(s => s.Series.Metric.Name == metric && s.Series.Tags["name"] is not null)
            .GroupBy(s => $"{s.Series.Tags["method"]} {s.Series.Tags["name"]}".Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Values.Sum), StringComparer.Ordinal);
}
