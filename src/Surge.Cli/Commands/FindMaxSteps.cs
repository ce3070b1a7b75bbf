using Surge.Analysis.FindMax;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Http;
using Surge.Outputs;
using Surge.Results;
using Surge.Run;
using Surge.Scripting;

namespace Surge.Cli.Commands;

/// <summary>
/// Runs find-max's steps: each level becomes the one default scenario of a plan built the one way
/// (<see cref="PlanBuilder"/> with the executor flags <c>--rate</c>/<c>--vus</c> and <c>--duration</c>),
/// run in this process by <see cref="RunService"/> with fresh monitors and its own results file.
/// </summary>
internal sealed class FindMaxSteps
{
    private readonly LoadedScript _script;
    private readonly RunSettings _settings;
    private readonly FindMaxOptions _options;
    private readonly Uri? _demoUrl;
    private readonly string? _output;

    /// <summary>Builds the first level's plan, so every mistake in the input is found before any load.</summary>
    /// <exception cref="ConfigException">The plan is invalid, or one of its thresholds is not one find-max can search on.</exception>
    public FindMaxSteps(LoadedScript script, RunSettings settings, FindMaxOptions options, Uri? demoUrl, string? output)
    {
        _script = script;
        _settings = settings;
        _options = options;
        _demoUrl = demoUrl;
        _output = output;
        var plan = Plan(options.From);
        foreach (var threshold in plan.Thresholds)
        {
            FindMaxGoals.EnsureSearchable(threshold);
        }

        if (output is not null)
        {
            Options.EnsureWritable(StepPath(output, 1), "--out");
        }

        Target = plan.Target;
        Goals = [.. plan.Thresholds.Select(t => t.Goal ?? $"{t.MetricKey}:{t.Expression}")];
    }

    /// <summary>What is loaded, in words.</summary>
    public string Target { get; }

    /// <summary>The goals and thresholds every step is held to, as written.</summary>
    public IReadOnlyList<string> Goals { get; }

    /// <summary>The results file of a step: <c>results.ndjson</c> → <c>results.step3.ndjson</c>.</summary>
    public static string StepPath(string output, int step)
    {
        var extension = Path.GetExtension(output);
        var stem = output[..^extension.Length];
        return $"{stem}.step{step}{(extension.Length == 0 ? ".ndjson" : extension)}";
    }

    /// <summary>Runs one step and judges it.</summary>
    public async Task<StepResult> RunAsync(StepRequest request, SearchSignals signals)
    {
        var plan = Plan(request.Level);
        var problems = CapacityCheck.Check(plan, DescriptorLimit.Soft, CapacityCheck.AvailableMemory());
        if (problems.Count > 0)
        {
            // The level needs more than this machine has: the generator, not the server, is the limit.
            return new StepResult(request.Number, request.Level, StepVerdict.GeneratorLimited, problems);
        }

        plan = plan with { Monitors = MonitorSources.Create(_settings.Monitors, _settings.MonitorToken) };
        using var results = _output is null ? null : new NdjsonResultsWriter(StepPath(_output, request.Number), p => Console.Error.WriteLine($"surge: warning: {p}"));
        IReadOnlyList<ITestOutput> outputs = results is null ? [] : [results];
        using var control = new TestRunControl();
        using var watch = signals.Watch(control);
        var outcome = await RunService.RunAsync(plan, outputs, control);
        return StepJudge.Judge(request.Number, request.Level, _options.Model, outcome, request.Below, request.BaselineErrorRate);
    }

    private TestPlan Plan(double level)
    {
        var shortcut = _options.Model == LoadModel.Open
            ? new ExecutorShortcuts.Shortcut { Rate = level, Duration = _options.StepDuration, GracefulStop = _options.GracefulStop }
            : new ExecutorShortcuts.Shortcut { Vus = (int)level, Duration = _options.StepDuration, GracefulStop = _options.GracefulStop };
        return PlanBuilder.Build(_script, _settings.Overrides with { Executor = shortcut }, _demoUrl);
    }
}
