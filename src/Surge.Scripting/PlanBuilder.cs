using System.Collections;
using Surge.Configuration;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Http;
using Surge.Thresholds;

using Surge.Plan;

namespace Surge.Scripting;

/// <summary>
/// The one way to a <see cref="TestPlan"/>: a loaded scenario (C# script, YAML file, or the URL of
/// <c>surge run --url</c>) and the command line's overrides become one checked plan.
/// </summary>
internal static class PlanBuilder
{
    /// <summary>True when neither the file nor the command line names a base URL: the demo target stands in.</summary>
    public static bool NeedsDemoTarget(LoadedScript script, RunOverrides overrides) =>
        script.Target is null && overrides.BaseUrl is null && script.Options.BaseUrl is null;

    /// <summary>Builds the plan; <paramref name="demoUrl"/> is the base URL when the file names none.</summary>
    /// <exception cref="ConfigException">The options are invalid; every problem is in the message.</exception>
    /// <exception cref="ScriptException">A scenario names an exec function the file does not have.</exception>
    public static TestPlan Build(LoadedScript script, RunOverrides overrides, Uri? demoUrl)
    {
        var options = script.Options;
        var errors = new List<string>();
        var baseUrl = BaseUrl(overrides.BaseUrl ?? options.BaseUrl, demoUrl, errors);
        var thresholds = new List<ThresholdDefinition>();
        foreach (var (metric, expressions) in options.Thresholds)
        {
            foreach (var expression in expressions)
            {
                Collect(errors, () => thresholds.Add(ThresholdParser.ParseSpec($"{metric}:{expression}")));
            }
        }

        foreach (var goal in options.Goals.Concat(overrides.Goals))
        {
            Collect(errors, () => thresholds.Add(GoalParser.Parse(goal)));
        }

        foreach (var spec in overrides.Thresholds)
        {
            Collect(errors, () => thresholds.Add(ThresholdParser.ParseSpec(spec)));
        }

        var userAgent = overrides.UserAgent ?? options.UserAgent ?? HttpRequest.DefaultUserAgent;
        if (UserAgentProblem(userAgent) is { } problem)
        {
            errors.Add(problem);
        }

        var timeout = overrides.Timeout ?? options.Timeout ?? PlanDefaults.RequestTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            errors.Add("the timeout must be longer than 0s");
        }

        var notes = new List<string>();
        var scenarios = Scenarios(script, overrides, errors, notes);
        if (errors.Count > 0)
        {
            throw new ConfigException(string.Join("; ", errors));
        }

        var onDemo = demoUrl is not null && overrides.BaseUrl is null && options.BaseUrl is null;
        var plan = new TestPlan
        {
            Scenarios = scenarios,
            Thresholds = thresholds,
            Http = new HttpOptions
            {
                Timeout = timeout,
                BaseUrl = baseUrl,
                Headers = [.. options.Headers],
                InsecureSkipTlsVerify = overrides.Insecure || options.InsecureSkipTlsVerify,
                UserAgent = userAgent,
                DiscardResponseBodies = options.DiscardResponseBodies,
                MaxResponseBodyBytes = options.MaxResponseBodyBytes ?? PlanDefaults.MaxResponseBodyBytes,
                DiscardResponseHeaders = script.DiscardResponseHeaders,
            },
            Env = EnvironmentWith(overrides.Env),
            Setup = script.Setup,
            Teardown = script.Teardown,
            CustomMetrics = [.. script.CustomMetrics.Select(m => m.Definition)],
            Target = script.Target
                ?? (baseUrl is null ? script.Path
                : onDemo ? $"{script.Path} → {baseUrl} (built-in demo target; set BaseUrl or --base-url to load your own server)"
                : $"{script.Path} → {baseUrl}"),
            Notes = notes,
        };
        var problems = plan.Validate();
        if (problems.Count > 0)
        {
            throw new ConfigException(string.Join("; ", problems));
        }

        // Named from the whole plan, so every generator of the test gets the same id; then cut to this generator's share.
        plan = plan with { TestId = plan.IdFor(Path.GetFileName(script.Path), overrides.Sequence ?? overrides.Segment.Sequence) };
        plan = plan.ForSegment(overrides.Segment);
        if (!overrides.Segment.IsWhole)
        {
            plan = plan with { Notes = [.. plan.Notes, $"execution segment {overrides.Segment.Segment} of {overrides.Segment.Sequence}: this generator runs its share of the VUs, iterations and rates"] };
        }

        // k6's --no-thresholds: read and checked above, never evaluated.
        return overrides.NoThresholds && thresholds.Count > 0
            ? plan with { Thresholds = [], Notes = [.. notes, $"{thresholds.Count} goal(s) and threshold(s) read but not checked (--no-thresholds)"] }
            : plan;
    }

    /// <summary>Why a User-Agent cannot be sent as a header value (a line break or another control character), or null.</summary>
    internal static string? UserAgentProblem(string userAgent) =>
        userAgent.Any(c => char.IsControl(c) && c != '\t')
            ? $"the user agent '{new string([.. userAgent.Select(c => char.IsControl(c) ? '?' : c)])}' has a line break or control character (shown as ?); a User-Agent is one line of text, e.g. shop-probe/1.0"
            : null;

    private static List<Scenario> Scenarios(LoadedScript script, RunOverrides overrides, List<string> errors, List<string> notes)
    {
        var options = script.Options;
        var flags = overrides.Executor;
        if (!flags.PicksExecutor && options.Scenarios.Count > 0)
        {
            if (flags.Vus is { } ignored)
            {
                // k6: vus only shapes a test together with a duration, iterations or stages.
                notes.Add($"--vus {ignored} is ignored: it works with --duration, --iterations or --stage, as in k6; the file's scenarios run as written");
            }

            return FileScenarios(script, overrides, errors);
        }

        // k6: executor flags on the command line replace the file's scenarios with one default
        // scenario; the file's own top-level vus/duration/iterations/stages fill what they leave open.
        var shortcut = flags.PicksExecutor
            ? flags with
            {
                Vus = flags.Vus ?? (flags.Rate is null ? options.Vus : null), // a rate sizes its own pool
                GracefulStop = flags.GracefulStop ?? options.GracefulStop,
                Duration = flags.Duration ?? (flags.Iterations is not null ? options.Duration : null),
            }
            : new ExecutorShortcuts.Shortcut
            {
                // Pool flags without a rate stay, so the executor says they need --rate instead of ignoring them.
                PreAllocatedVus = flags.PreAllocatedVus,
                MaxVus = flags.MaxVus,
                Vus = flags.Vus ?? options.Vus,
                Duration = options.Duration ?? (options.Iterations is null && options.Stages is null ? script.DefaultDuration : null),
                Iterations = options.Iterations,
                Stages = options.Stages,
                GracefulStop = flags.GracefulStop ?? options.GracefulStop,
            };
        ExecutorOptions? executor;
        try
        {
            executor = ExecutorShortcuts.Resolve(shortcut, out var note);
            if (executor is null)
            {
                // k6: with no duration, iterations, stages or scenarios, one iteration on one VU (a smoke
                // test of the script); vus on its own is ignored, and said so.
                executor = new PerVuIterationsOptions { Vus = 1, Iterations = 1 };
                executor = shortcut.GracefulStop is { } stop ? executor with { GracefulStop = stop } : executor;
                note = shortcut.Vus is { } vus && vus != 1
                    ? $"{(flags.Vus is not null ? "--vus" : "vus")} {vus} is ignored: it works with a duration, iterations or stages, as in k6; running 1 iteration on 1 VU"
                    : "no duration, iterations, stages or scenarios: running 1 iteration on 1 VU, as k6 does; give --duration (or iterations, stages, scenarios) for a load test";
            }

            if (note is not null)
            {
                notes.Add(note);
            }
        }
        catch (ConfigException exception)
        {
            errors.Add(exception.Message);
            return [];
        }

        IterationFunc exec;
        try
        {
            exec = script.ResolveExec(null);
        }
        catch (ScriptException exception) when (options.Scenarios.Count > 0)
        {
            // The file's scenarios name their exec functions; the one that replaces them runs the default.
            throw new ScriptException(
                $"the executor flags replace the file's scenarios with one default scenario: {exception.Message}; "
                + "to run the file's own scenarios, leave out --vus, --duration, --iterations, --stage and --rate", exception);
        }

        return [new Scenario("default", executor, exec) { Tags = options.Tags }];
    }

    /// <summary>The file's own scenarios; test-wide tags under each executor's own (the engine lays those on top).</summary>
    private static List<Scenario> FileScenarios(LoadedScript script, RunOverrides overrides, List<string> errors)
    {
        var scenarios = new List<Scenario>();
        foreach (var (name, executor) in script.Options.Scenarios)
        {
            if (executor is null)
            {
                errors.Add($"scenario '{name}' has no executor options");
                continue;
            }

            var withStop = overrides.Executor.GracefulStop is { } stop ? executor with { GracefulStop = stop } : executor;
            scenarios.Add(new Scenario(name, withStop, script.ResolveExec(executor.Exec)) { Tags = script.Options.Tags });
        }

        return scenarios;
    }

    private static Uri? BaseUrl(string? text, Uri? demoUrl, List<string> errors)
    {
        if (text is null)
        {
            return demoUrl;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"base URL '{text}' is not an absolute http:// or https:// URL, e.g. http://127.0.0.1:8080/");
            return null;
        }

        // new Uri(base, "items") keeps the last path segment only when the base ends with '/'.
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.OriginalString + "/");
    }

    /// <summary>The process's environment with the <c>-e</c> flags over it (k6's <c>__ENV</c>).</summary>
    public static Dictionary<string, string> EnvironmentWith(IReadOnlyDictionary<string, string> flags)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            env[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        foreach (var (name, value) in flags)
        {
            env[name] = value;
        }

        return env;
    }

    private static void Collect(List<string> errors, Action parse)
    {
        try
        {
            parse();
        }
        catch (ConfigException exception)
        {
            errors.Add(exception.Message);
        }
    }
}
