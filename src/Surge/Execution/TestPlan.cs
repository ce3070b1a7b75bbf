using Surge.Http;
using Surge.Metrics;
using Surge.Thresholds;

namespace Surge.Execution;

/// <summary>Everything a test run needs: scenarios, thresholds and goals, HTTP options.</summary>
public sealed record TestPlan
{
    /// <summary>The scenarios, run side by side.</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>Thresholds and goals, checked every 2 s and at the end.</summary>
    public IReadOnlyList<ThresholdDefinition> Thresholds { get; init; } = [];

    /// <summary>How the VUs' HTTP sessions behave.</summary>
    public HttpOptions Http { get; init; } = new();

    /// <summary>What is being tested, for the banner and the results file (a URL or a script name).</summary>
    public string Target { get; init; } = "";

    /// <summary>The longest the whole test can take, graceful stops included.</summary>
    public TimeSpan MaxDuration => Scenarios.Count == 0 ? TimeSpan.Zero : Scenarios.Max(s => s.Executor.MaxDuration);

    /// <summary>The most VUs that can run at once.</summary>
    public int MaxVus => Scenarios.Sum(s => s.Executor.MaxVus);

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

        errors.AddRange(ThresholdEvaluator.Validate(Thresholds, new BuiltinMetrics(new MetricRegistry()).Registry.Metrics));
        return errors;
    }
}
