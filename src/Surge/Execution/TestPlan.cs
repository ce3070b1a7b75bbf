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
