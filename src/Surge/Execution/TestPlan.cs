using System.Security.Cryptography;
using System.Text;
using Surge.Configuration;
using Surge.Execution.Segments;
using Surge.Http;
using Surge.Metrics;
using Surge.Thresholds;

namespace Surge.Execution;

/// <summary>Everything a test run needs: scenarios, thresholds and goals, HTTP options.</summary>
internal sealed record TestPlan
{
    /// <summary>The scenarios, run side by side.</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>Thresholds and goals, checked every 2 s and at the end.</summary>
    public IReadOnlyList<ThresholdDefinition> Thresholds { get; init; } = [];

    /// <summary>How the VUs' HTTP sessions behave.</summary>
    public HttpOptions Http { get; init; } = new();

    /// <summary>Environment variables VUs see (the process's and <c>-e</c> flags); scenarios add their own.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs once before the scenarios (k6's <c>setup</c>); a VU with id 0 runs it.</summary>
    public IterationFunc? Setup { get; init; }

    /// <summary>Runs once after the scenarios (k6's <c>teardown</c>), unless Setup failed or the stop was hard.</summary>
    public IterationFunc? Teardown { get; init; }

    /// <summary>The script's own metrics, registered before the start so thresholds can name them.</summary>
    public IReadOnlyList<MetricDefinition> CustomMetrics { get; init; } = [];

    /// <summary>What to watch while the test runs (hosts, processes, agents, node_exporters); the runner owns and disposes them.</summary>
    public IReadOnlyList<Monitoring.IMonitor> Monitors { get; init; } = [];

    /// <summary>Lines for the banner about choices Surge made for the user (an auto-sized VU pool).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What is being tested, for the banner and the results file (a URL or a script name).</summary>
    public string Target { get; init; } = "";

    /// <summary>This generator's segment of the test (k6's execution segment); the whole test unless it is split.</summary>
    public ExecutionTuple Segment { get; init; } = ExecutionTuple.Whole;

    /// <summary>
    /// Names the test the same on every generator of it (a hash of the script's name, its scenarios,
    /// thresholds and the segment sequence), so results of another test are not merged with its.
    /// </summary>
    public string TestId { get; init; } = "";

    /// <summary>The longest the whole test can take, graceful stops included.</summary>
    public TimeSpan MaxDuration => Scenarios.Count == 0 ? TimeSpan.Zero : Scenarios.Max(s => s.Executor.TotalDuration);

    /// <summary>
    /// The most VUs that can run at once: scenarios count together only while their windows
    /// (startTime to the end of their graceful stop) overlap, so scenarios run one after another
    /// need the VUs of the biggest, not of all.
    /// </summary>
    public int MaxVus => PeakVus(e => e.MaxVus);

    /// <summary>The most VUs at once counting <paramref name="vus"/> of each executor, overlapping windows only (see <see cref="MaxVus"/>).</summary>
    internal int PeakVus(Func<ExecutorOptions, int> vus)
    {
        var edges = Scenarios
            .SelectMany(s => new[] { (At: s.Executor.StartTime, Vus: vus(s.Executor)), (At: s.Executor.TotalDuration, Vus: -vus(s.Executor)) })
            .OrderBy(e => e.At)
            .ThenBy(e => e.Vus); // an ending window frees its VUs before one starting at the same moment
        int running = 0, most = 0;
        foreach (var edge in edges)
        {
            running += edge.Vus;
            most = Math.Max(most, running);
        }

        return most;
    }

    /// <summary>The id of this (whole) plan split by <paramref name="sequence"/>; <paramref name="scriptName"/> is the script's file name.</summary>
    public string IdFor(string scriptName, ExecutionSegmentSequence sequence)
    {
        var text = new StringBuilder(scriptName).Append('\n').Append(Http.BaseUrl).Append('\n').Append(sequence);
        foreach (var scenario in Scenarios)
        {
            text.Append('\n').Append(scenario.Name).Append(' ').Append(scenario.Executor.Describe());
        }

        foreach (var threshold in Thresholds)
        {
            text.Append('\n').Append(threshold.MetricKey).Append(' ').Append(threshold.Aggregation).Append(threshold.Operator).Append(threshold.Limit);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// This generator's share of the plan: every scenario's VUs, iterations and rates scaled to
    /// <paramref name="segment"/>, so that the shares of all segments add up to the whole exactly.
    /// </summary>
    /// <exception cref="ConfigException">A scenario's share has work but no VU to do it.</exception>
    public TestPlan ForSegment(ExecutionTuple segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.IsWhole)
        {
            return this with { Segment = segment };
        }

        var scenarios = new List<Scenario>(Scenarios.Count);
        foreach (var scenario in Scenarios)
        {
            var share = scenario.Executor.ForSegment(segment);
            var work = share switch
            {
                Executors.ArrivalRateOptions open => open.Schedule().ExpectedCount,
                _ => share.PlannedIterations ?? 0,
            };
            if (share.MaxVus == 0 && work > 0)
            {
                throw new ConfigException(
                    $"scenario '{scenario.Name}': segment {segment.Segment} gets {work} iteration(s) but none of the scenario's {scenario.Executor.MaxVus} VU(s); "
                    + $"give it at least one VU per segment ({segment.Sequence.Segments.Count})");
            }

            scenarios.Add(scenario with { Executor = share });
        }

        return this with { Scenarios = scenarios, Segment = segment };
    }

    /// <summary>Every problem with the plan, each a sentence saying what to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Scenarios.Count == 0)
        {
            errors.Add("the test has no scenario");
        }

        foreach (var scenario in Scenarios)
        {
            var prefix = Scenarios.Count > 1 ? $"scenario '{scenario.Name}': " : "";
            errors.AddRange(scenario.Executor.Validate().Select(e => prefix + e));
        }

        foreach (var duplicate in Scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            errors.Add($"two scenarios are named '{duplicate.Key}'; scenario names must be unique");
        }

        var registry = new BuiltinMetrics(new MetricRegistry()).Registry;
        var builtin = registry.Metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var metric in CustomMetrics)
        {
            if (builtin.Contains(metric.Name))
            {
                errors.Add($"custom metric '{metric.Name}' has the name of a built-in metric; give it another name");
            }
            else if (registry.Find(metric.Name) is { } other && other.Type != metric.Type)
            {
                errors.Add($"custom metric '{metric.Name}' is declared twice, as a {other.Type} and as a {metric.Type}");
            }
            else
            {
                registry.Register(metric.Name, metric.Type, metric.Contains);
            }
        }

        errors.AddRange(ThresholdEvaluator.Validate(Thresholds, registry.Metrics));
        if (Http.MaxResponseBodyBytes <= 0 || Http.MaxResponseBodyBytes > Array.MaxLength)
        {
            // A kept body lives in one array.
            errors.Add($"the response body limit (maxResponseBodyBytes) must be from 1 byte to {Array.MaxLength} bytes (just under 2 GiB), not {Http.MaxResponseBodyBytes}");
        }

        return errors;
    }
}
