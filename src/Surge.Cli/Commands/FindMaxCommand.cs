using System.CommandLine;
using Spectre.Console;
using Surge.Analysis.FindMax;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Lab.Demo;
using Surge.Outcome;
using Surge.Reports.Console;
using Surge.Reports.Html;
using Surge.Scripting;
using Surge.Thresholds;

namespace Surge.Cli.Commands;

/// <summary>
/// <c>surge find-max</c>: the highest rate (or VUs) the system sustains within the goals, found by steps
/// that double, then bisect, then hold; each step a normal run of a plan built the one way.
/// </summary>
internal static class FindMaxCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("target") { Description = "A scenario file (script.cs, test.yaml) or a URL to load.", Arity = ArgumentArity.ZeroOrOne };
        var url = new Option<string?>("--url") { Description = "The URL to load." };
        var goals = new Option<string[]>("--goal") { Description = "A goal every step must meet, e.g. 'p95<800ms', 'errors<1%'; 'tps>=2000' is the target the maximum is held against (exit 0 reached, 99 not)." };
        var from = Options.Number("--from", "The first level: iterations per second (or VUs with --model closed). Default 50.");
        var to = Options.Number("--to", "The highest level ever run. Default 20000.");
        var step = new Option<string?>("--step") { Description = "How long each step runs (default 20s, at least 5s)." };
        var model = new Option<string>("--model") { Description = "open: steps set the arrival rate (constant-arrival-rate); closed: steps set the VUs (constant-vus).", DefaultValueFactory = _ => "open" };
        model.AcceptOnlyFromAmong("open", "closed");
        var method = new Option<string>("--method", "-X") { Description = "HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A request header \"Name: value\" (repeatable)." };
        var body = new Option<string?>("--body") { Description = "The request body." };
        var monitors = new Option<string[]>("--monitor", "-m") { Description = MonitorSources.Help };
        var monitorToken = new Option<string?>("--monitor-token") { Description = "The token of the surge agents watched with --monitor agent://HOST:PORT." };
        var output = new Option<string?>("--out", "-o") { Description = "Stream each step's results to its own NDJSON file: results.ndjson → results.step1.ndjson, results.step2.ndjson, …" };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate." };
        var userAgent = Options.UserAgent();

        var lang = Options.Lang();
        var history = Options.HistoryPath();
        var noHistory = new Option<bool>("--no-history") { Description = "Do not record the search in the history." };
        var tags = new Option<string[]>("--tag") { Description = "A tag NAME=VALUE recorded with the search in the history (repeatable)." };
        var report = Options.HtmlReport("--report");
        var command = new Command("find-max", "Find the highest rate the system sustains within the goals: steps that double, bisect to within 5 %, then hold.")
        {
            target, url, goals, from, to, step, model, method, headers, body, monitors, monitorToken, output, insecure, userAgent, lang, history, noHistory, tags, report,
        };
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(url) is { } urlFlag && parse.GetValue(target) is { } positional)
            {
                throw new ConfigException($"'{positional}' and --url '{urlFlag}' both say what to load; give one of them");
            }

            var options = new FindMaxOptions
            {
                From = parse.GetValue(from) ?? 50,
                To = parse.GetValue(to) ?? 20_000,
                StepDuration = parse.GetValue(step) is { } text ? Options.Duration(text, "--step") : TimeSpan.FromSeconds(20),
                Model = parse.GetValue(model) == "closed" ? LoadModel.Closed : LoadModel.Open,
            };
            if (options.Validate() is [var first, ..])
            {
                throw new ConfigException(first);
            }

            var (stepGoals, targets) = SplitGoals(parse.GetValue(goals) ?? []);
            var settings = new RunSettings
            {
                Target = parse.GetValue(url) ?? parse.GetValue(target)
                    ?? throw new ConfigException("find-max needs something to load: --url URL or a scenario file (script.cs, test.yaml)"),
                Overrides = new RunOverrides { Goals = [.. stepGoals.Select(g => g.Goal!)], Insecure = parse.GetValue(insecure), UserAgent = parse.GetValue(userAgent) },
                Method = parse.GetValue(method)!,
                Headers = parse.GetValue(headers) ?? [],
                Body = parse.GetValue(body),
                Monitors = parse.GetValue(monitors) ?? [],
                MonitorToken = parse.GetValue(monitorToken),
            };
            var results = Options.ResultsPath(parse.GetValue(output));
            Options.EnsureSeparate([(results, "--out"), (parse.GetValue(report), "--report")], [(settings.IsScript ? settings.Target : null, "the scenario file")]);
            Options.EnsureWritable(parse.GetValue(report), "--report");
            var record = RunHistory.From(parse.GetValue(history), parse.GetValue(noHistory), parse.GetValue(tags) ?? []);
            return await SearchAsync(settings, options, targets, results, Options.LanguageFrom(parse.GetValue(lang)), record, parse.GetValue(report));
        });
        return command;
    }

    private static async Task<int> SearchAsync(
        RunSettings settings, FindMaxOptions options, IReadOnlyList<ThresholdDefinition> targets, string? output, DiagnosisLanguage language, RunHistory history, string? report)
    {
        var script = settings.IsScript ? await ScriptRun.LoadAsync(settings.Target!, settings.Overrides, quiet: false) : UrlScenario.ForUrl(settings);
        await using var demo = PlanBuilder.NeedsDemoTarget(script, settings.Overrides) ? await DemoServer.StartAsync() : null;
        var steps = new FindMaxSteps(script, settings, options, demo?.Url, output);
        var renderer = new FindMaxRenderer(Consoles.Summary);
        var goalTexts = steps.Goals;
        renderer.Header(steps.Target, options, goalTexts, [.. targets.Select(t => t.Goal!)]);

        using var signals = new SearchSignals(Consoles.Live);
        var result = await FindMaxRunner.RunAsync(options, request => steps.RunAsync(request, signals), s => renderer.Step(s, options.Model), signals.Stopped);

        var reached = targets.Select(t => (t.Goal!, result.MaxTps is { } max && t.IsMet(max))).ToList();
        renderer.Result(result, goalTexts, reached);

        // Where it gave out says what to fix: the diagnosis of the first failing step (else of the last one).
        var last = result.Steps.Count > 0 ? result.Steps[^1] : null;
        var diagnosed = result.FirstFailing ?? result.GeneratorLimited ?? last;
        if (diagnosed?.Summary?.Diagnosis is { } diagnosis)
        {
            Consoles.Summary.WriteLine($"  at step {diagnosed.Number}:");
            new DiagnosisRenderer(Consoles.Summary, language).Render(diagnosis);
        }

        if (report is not null)
        {
            try
            {
                FindMaxReport.Write(result, steps.Target, [.. goalTexts, .. targets.Select(t => t.Goal!)], language, report);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"surge: warning: --report '{report}' could not be written ({exception.Message.Split(" : '", 2)[0]}); the result above is the search's");
            }
        }

        // The search is one run in the history: its best step (else the last), tagged with what it found.
        if ((result.Best ?? last)?.Summary is { } recorded)
        {
            var found = history with { Tags = [.. history.Tags, new("find-max", result.MaxTps is { } max ? Units.Number(max, 1) : "none")] };
            await found.RecordAsync(recorded, new RunOutputs(null, null, Metrics.TrendStats.Default, Quiet: false), settings);
        }

        return ExitCode(result, reached);
    }

    private static int ExitCode(FindMaxResult result, IReadOnlyList<(string Goal, bool Reached)> targets)
    {
        if (result.End == SearchEnd.Stopped && result.Steps is [.., { Summary: { } stopped }])
        {
            return stopped.StopReason == StopReason.Completed ? ExitCodes.ExternalAbort : stopped.ExitCode;
        }

        if (result.End == SearchEnd.Stopped)
        {
            return ExitCodes.ExternalAbort;
        }

        if (result.Best is null)
        {
            return ExitCodes.ThresholdsFailed;
        }

        return targets.All(t => t.Reached) ? ExitCodes.Success : ExitCodes.ThresholdsFailed;
    }

    /// <summary>The goals each step must meet, and the throughput targets the maximum is held against.</summary>
    private static (List<ThresholdDefinition> Steps, List<ThresholdDefinition> Targets) SplitGoals(IReadOnlyList<string> goals)
    {
        var steps = new List<ThresholdDefinition>();
        var targets = new List<ThresholdDefinition>();
        foreach (var goal in goals)
        {
            var parsed = GoalParser.Parse(goal);
            FindMaxGoals.EnsureSearchable(parsed);
            (FindMaxGoals.IsThroughputTarget(parsed) ? targets : steps).Add(parsed);
        }

        return (steps, targets);
    }
}
