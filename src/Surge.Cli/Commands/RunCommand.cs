using System.CommandLine;
using Surge.Cli.Hosting;
using Surge.Configuration;
using Surge.Distributed;
using Surge.Outcome;
using Surge.Execution;
using Surge.Http;
using Surge.Execution.Executors;
using Surge.Lab.Demo;
using Surge.Reports.Console;
using Surge.Reports.Dashboard;
using Surge.Reports.Html;
using Surge.Plan;
using Surge.Results;
using Surge.Scripting;
using Surge.Outputs;
using Surge.Run;

namespace Surge.Cli.Commands;

/// <summary>
/// <c>surge run</c>: a load test of a scenario file (<c>.cs</c>, <c>.yaml</c>), of a URL, or of the
/// built-in demo target when neither is given.
/// </summary>
internal static class RunCommand
{
    public static Command Create() =>
        Build("run", "Run a load test: a scenario file, a URL or the demo target; TPS and latency, goals checked.", aggregate: false);

    /// <summary><c>surge aggregate</c>: the run options, plus where to listen for the generators that run the test's segments.</summary>
    public static Command CreateAggregate() =>
        Build("aggregate", "Merge the generators of one test live: they join with --join, thresholds are judged on the merged seconds.", aggregate: true);

    private static Command Build(string name, string summary, bool aggregate)
    {
        var target = new Argument<string?>("target")
        {
            Description = "A scenario file (script.cs, test.yaml) or a URL to load. Without one, Surge loads its demo target.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var url = new Option<string?>("--url") { Description = "The URL to load. Without one, Surge starts its demo target and loads that." };
        var vus = Options.WholeNumber("--vus", "Virtual users running at once (k6: constant-vus). Default 1; replaces a file's scenarios.", "-u");
        var duration = new Option<string?>("--duration", "-d") { Description = "How long to run, e.g. 30s, 1m30s. Default 10s; replaces a file's scenarios." };
        var iterations = Options.LongWholeNumber("--iterations", "Iterations shared by the VUs (k6: shared-iterations); --duration is then the most it may take.", "-i");
        var stages = new Option<string[]>("--stage", "-s") { Description = "Ramp the VUs through stages DURATION:TARGET, e.g. 30s:100,1m:100,10s:0 (k6: ramping-vus; --vus is the start)." };
        var rate = Options.Number("--rate", "Start this many iterations per second, whatever the server does (constant-arrival-rate); needs --duration.");
        var timeUnit = new Option<string?>("--time-unit") { Description = "The period --rate counts in (default 1s), e.g. --rate 30 --time-unit 1m." };
        var preAllocated = Options.WholeNumber("--pre-allocated-vus", "VUs made up front for --rate (sized from the rate when not given).");
        var maxVus = Options.WholeNumber("--max-vus", "The most VUs for --rate; iterations that find none free are dropped (sized from the rate when not given).");
        var method = new Option<string>("--method", "-X") { Description = "HTTP method.", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "A request header \"Name: value\" (repeatable)." };
        var body = new Option<string?>("--body") { Description = "The request body." };
        var bodyFile = new Option<string?>("--body-file") { Description = "Read the request body from this file." };
        var timeout = new Option<string?>("--timeout") { Description = "Per-request timeout (default 60s)." };
        var gracefulStop = new Option<string?>("--graceful-stop") { Description = "Time iterations in flight get to finish at the end (default 30s)." };
        var thresholds = new Option<string[]>("--threshold") { Description = "A k6 threshold, e.g. 'http_req_duration:p(95)<800' (;abortOnFail to stop at once)." };
        var goals = new Option<string[]>("--goal") { Description = "A goal, e.g. 'tps>=2000', 'avg<800ms', 'p95<1s', 'errors<1%'." };
        var noThresholds = new Option<bool>("--no-thresholds") { Description = "Check no thresholds or goals (k6's --no-thresholds): they are still read and must be valid, but never fail the run." };
        var env = new Option<string[]>("--env", "-e") { Description = "An environment variable for the script, NAME=VALUE (repeatable; k6's -e)." };
        var baseUrl = new Option<string?>("--base-url") { Description = "The URL a scenario file's relative URLs are resolved against (over the file's own)." };
        var monitors = new Option<string[]>("--monitor", "-m") { Description = MonitorSources.Help };
        var monitorToken = new Option<string?>("--monitor-token") { Description = "The token of the surge agents watched with --monitor agent://HOST:PORT." };
        var output = new Option<string?>("--out", "-o") { Description = "Stream results to this NDJSON file, one line per second." };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any TLS certificate." };
        var userAgent = Options.UserAgent();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No banner and no live lines; only the summary." };
        var summaryExport = Options.SummaryExport();
        var trendStats = Options.SummaryTrendStats();
        var history = Options.HistoryPath();
        var noHistory = new Option<bool>("--no-history") { Description = "Do not record this run in the history." };
        var tags = new Option<string[]>("--tag") { Description = "A tag NAME=VALUE recorded with the run in the history, e.g. --tag release=1.4 (repeatable)." };
        var lang = Options.Lang();
        var segment = new Option<string?>("--execution-segment") { Description = "Run only this part of the test, FROM:TO, e.g. 1/4:2/4 (k6's execution segments; one per generator)." };
        var sequence = new Option<string?>("--execution-segment-sequence") { Description = "How the whole test is cut among its generators, e.g. 0,1/4,2/4,3/4,1 (k6's; keeps the split exact)." };
        var generators = Options.WholeNumber("--generators", aggregate
            ? "How many generators run the test, each an equal segment (or give --execution-segment-sequence)."
            : "Run the test with this many generator processes on this machine, merged live as one test.");
        var joinWait = new Option<string?>("--join-wait") { Description = "How long a generator tries to reach its aggregator, which may start after it (default 1m)." };
        var join = new Option<string?>("--join") { Description = "Run this process's segment as a generator of the aggregator at this address, e.g. http://10.0.0.5:6565." };
        var token = new Option<string?>("--token") { Description = "The token the aggregator and its generators share (default: $SURGE_TOKEN)." };
        var requireAll = new Option<bool>("--require-all") { Description = "Stop the whole test when a generator is lost (default: go on, keeping its seconds)." };
        var listen = new Option<string?>("--listen") { Description = "Address:port the aggregator listens on (default 127.0.0.1:6565; e.g. 0.0.0.0:6565 to be reached by other machines)." };
        var report = Options.HtmlReport("--report");
        var dashboard = DashboardOptions.Enable();
        var dashboardListen = DashboardOptions.ListenOption();
        var dashboardToken = DashboardOptions.TokenOption();
        var dashboardLinger = DashboardOptions.LingerOption();

        var command = new Command(name, summary)
        {
            target, url, vus, duration, iterations, stages, rate, timeUnit, preAllocated, maxVus, method, headers, body, bodyFile, timeout, gracefulStop, thresholds, goals, noThresholds, env, baseUrl,
            monitors, monitorToken, output, insecure, userAgent, quiet, summaryExport, trendStats, history, noHistory, tags, lang, generators, token, requireAll,
            report, dashboard, dashboardListen, dashboardToken, dashboardLinger,
        };
        if (aggregate)
        {
            command.Options.Add(listen);
            command.Options.Add(sequence);
        }
        else
        {
            command.Options.Add(segment);
            command.Options.Add(sequence);
            command.Options.Add(join);
            command.Options.Add(joinWait);
        }

        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(timeUnit) is not null && parse.GetValue(rate) is null)
            {
                throw new ConfigException("--time-unit is the period --rate counts in; give --rate too, e.g. --rate 30 --time-unit 1m");
            }

            if (parse.GetValue(url) is { } urlFlag && parse.GetValue(target) is { } positional)
            {
                throw new ConfigException($"'{positional}' and --url '{urlFlag}' both say what to load; give one of them");
            }

            var distribution = Distributed.Distribution.From(
                aggregate, parse.GetValue(listen), parse.GetValue(join), parse.GetValue(token), parse.GetValue(generators), parse.GetValue(segment), parse.GetValue(sequence), parse.GetValue(requireAll));
            if (distribution?.Join is not null && OptionalDuration(parse.GetValue(joinWait), "--join-wait") is { } patience)
            {
                distribution = distribution with { JoinWait = patience };
            }
            var settings = new RunSettings
            {
                Distribution = distribution,
                Target = parse.GetValue(url) ?? parse.GetValue(target),
                Overrides = new RunOverrides
                {
                    Executor = new ExecutorShortcuts.Shortcut
                    {
                        Vus = parse.GetValue(vus),
                        Duration = OptionalDuration(parse.GetValue(duration), "--duration"),
                        Iterations = parse.GetValue(iterations),
                        Stages = parse.GetValue(stages) is { Length: > 0 } given ? Stage.ParseList(string.Join(',', given)) : null,
                        Rate = parse.GetValue(rate),
                        TimeUnit = OptionalDuration(parse.GetValue(timeUnit), "--time-unit") ?? PlanDefaults.TimeUnit,
                        PreAllocatedVus = parse.GetValue(preAllocated),
                        MaxVus = parse.GetValue(maxVus),
                        GracefulStop = OptionalDuration(parse.GetValue(gracefulStop), "--graceful-stop"),
                    },
                    Timeout = OptionalDuration(parse.GetValue(timeout), "--timeout"),
                    Thresholds = parse.GetValue(thresholds) ?? [],
                    Goals = parse.GetValue(goals) ?? [],
                    NoThresholds = parse.GetValue(noThresholds),
                    Insecure = parse.GetValue(insecure),
                    UserAgent = parse.GetValue(userAgent),
                    BaseUrl = parse.GetValue(baseUrl),
                    Env = EnvFlags(parse.GetValue(env) ?? []),
                    Segment = distribution is { Aggregates: true } ? Execution.Segments.ExecutionTuple.Whole : Execution.Segments.ExecutionTuple.From(parse.GetValue(segment), parse.GetValue(sequence)),
                    Sequence = distribution?.Sequence,
                },
                Method = parse.GetValue(method)!,
                Headers = parse.GetValue(headers) ?? [],
                Body = parse.GetValue(body),
                BodyFile = parse.GetValue(bodyFile),
                Monitors = parse.GetValue(monitors) ?? [],
                MonitorToken = parse.GetValue(monitorToken),
            };
            var outputs = new RunOutputs(Options.ResultsPath(parse.GetValue(output)), parse.GetValue(summaryExport), Options.TrendStatsFrom(parse.GetValue(trendStats)), parse.GetValue(quiet))
            {
                History = RunHistory.From(parse.GetValue(history), parse.GetValue(noHistory), parse.GetValue(tags) ?? []),
                Language = Options.LanguageFrom(parse.GetValue(lang)),
                ReportPath = parse.GetValue(report),
                Dashboard = DashboardOptions.From(parse.GetValue(dashboard), parse.GetValue(dashboardListen), parse.GetValue(dashboardToken), parse.GetValue(dashboardLinger)),
            };
            outputs.EnsureSeparate(settings);
            return settings.IsScript || parse.GetValue(url) is null && settings.Target is not null && File.Exists(settings.Target)
                ? await ScriptRun.RunAsync(settings, outputs)
                : await RunQuickAsync(settings, outputs);
        });
        return command;
    }

    /// <summary>Runs a plan with the console, the results file and the summary export; returns the exit code.</summary>
    public static async Task<int> ExecuteAsync(TestPlan plan, RunOutputs options, RunSettings settings, bool demoInProcess = false)
    {
        // Before any load: more VUs than descriptors or memory would fail (or abort) seconds into the test.
        var distribution = settings.Distribution;
        if (distribution is { Aggregates: true, Local: false } && settings.Monitors.Count > 0)
        {
            throw new ConfigException("surge aggregate watches no server itself; give --monitor to one of its generators, whose samples come with its seconds");
        }

        var problems = distribution is { Aggregates: true } ? [] : CapacityCheck.Check(plan, DescriptorLimit.Soft, CapacityCheck.AvailableMemory(), descriptorsPerVu: demoInProcess ? 2 : 1);
        if (problems.Count > 0)
        {
            throw new ConfigException(string.Join("; ", problems));
        }

        // Bound before any load: a port already taken is a one-line error, not a test without its dashboard.
        await using var dashboard = options.Dashboard is { } wanted ? await DashboardServer.StartAsync(wanted.Listen, wanted.Token, options.Language) : null;

        // Made last, after every other check: monitors may open connections (agents). The aggregator
        // watches nothing itself: its generators' samples come with their seconds.
        plan = distribution is { Aggregates: true } ? plan : plan with { Monitors = MonitorSources.Create(settings.Monitors, settings.MonitorToken) };
        using var results = options.ResultsPath is null ? null : OpenResults(options.ResultsPath);
        var live = Consoles.Live;
        var outputs = new List<ITestOutput> { new ConsoleOutput(live, Consoles.Summary, options.TrendStats, options.Quiet) { Language = options.Language } };
        if (results is not null)
        {
            outputs.Insert(0, results);
        }

        if (dashboard is not null)
        {
            outputs.Add(dashboard.Feed);
            await Console.Error.WriteLineAsync($"surge: dashboard at {dashboard.Url}");
        }

        using var control = new TestRunControl();
        using var signals = new StopSignals(control, live);
        RunOutcome outcome;
        if (distribution is { Aggregates: true })
        {
            if (await Distributed.AggregateRun.RunAsync(plan, outputs, control, distribution, Environment.GetCommandLineArgs()[1..]) is not { } merged)
            {
                return ExitCodes.ExternalAbort;
            }

            outcome = merged;
        }
        else if (distribution?.Join is { } aggregator)
        {
            GeneratorLink? joined = null;
            try
            {
                joined = await GeneratorLink.JoinAsync(aggregator, distribution.Token, plan, distribution.JoinWait, problem => Console.Error.WriteLine($"surge: warning: {problem}"), control.GracefulStop);
                var wait = joined.StartAt - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, control.GracefulStop);
                }
            }
            catch (OperationCanceledException) when (control.GracefulStop.IsCancellationRequested)
            {
                if (joined is not null)
                {
                    await joined.DisposeAsync();
                }

                await Console.Error.WriteLineAsync("surge: stopped before the test started; nothing was run");
                return ExitCodes.ExternalAbort;
            }

            await using var link = joined;

            // Aborts are the aggregator's, judged on the merged seconds: one generator's share alone
            // would cross a count or rate limit the whole test does not (k6-operator's runners each abort on their own).
            plan = plan with { Thresholds = [.. plan.Thresholds.Select(t => t with { AbortOnFail = false })] };

            using var linked = (NdjsonResultsWriter)link.Output(control);
            outcome = await RunService.RunAsync(plan, [.. outputs, linked], control);
        }
        else
        {
            outcome = await RunService.RunAsync(plan, outputs, control);
        }

        var summary = outcome.Summary;
        if (options.ReportPath is not null)
        {
            try
            {
                HtmlReport.Write(outcome, options.Language, options.ReportPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"surge: warning: --report '{options.ReportPath}' could not be written ({exception.Message.Split(" : '", 2)[0]}); the summary above is the run's");
            }
        }
        if (options.SummaryExport is not null)
        {
            try
            {
                SummaryJsonExporter.Export(summary, options.TrendStats, options.SummaryExport);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The run's verdict stands; the summary is on the console. The file is whole or absent.
                await Console.Error.WriteLineAsync($"surge: warning: --summary-export '{options.SummaryExport}' could not be written ({exception.Message.Split(" : '", 2)[0]}); the summary above is the run's");
            }
        }

        // Last: the run's verdict is on the console and in its files whatever the history does.
        await options.History.RecordAsync(summary, options, settings);
        if (dashboard is not null && options.Dashboard!.Linger)
        {
            signals.Dispose(); // from now on Ctrl+C ends the dashboard, not the (finished) test
            using var exit = new ExitSignal();
            await Console.Error.WriteLineAsync($"surge: the dashboard stays at {dashboard.Url} with the report to download; Ctrl+C to stop");
            await exit.Signalled;
        }

        return summary.ExitCode;
    }

    private static async Task<int> RunQuickAsync(RunSettings settings, RunOutputs outputs)
    {
        if (settings.Overrides.Env.Count > 0 || settings.Overrides.BaseUrl is not null)
        {
            throw new ConfigException("--env and --base-url are for scenario files (script.cs, test.yaml), not for a URL");
        }

        // Everything that can be wrong with the input is found before any load is sent; the demo target
        // starts first so the plan is built once, with its address.
        if (settings.Target is null)
        {
            UrlScenario.EnsureNoRequestFlags(settings); // before the demo target starts
            outputs.EnsureWritable();
            await using var demo = await DemoServer.StartAsync();
            var demoPlan = PlanBuilder.Build(UrlScenario.ForDemo(demo.Url), settings.Overrides, demoUrl: null);
            return await ExecuteAsync(demoPlan, outputs, settings, demoInProcess: true);
        }

        var plan = PlanBuilder.Build(UrlScenario.ForUrl(settings), settings.Overrides, demoUrl: null);
        outputs.EnsureWritable();
        return await ExecuteAsync(plan, outputs, settings);
    }

    private static Dictionary<string, string> EnvFlags(IReadOnlyList<string> flags)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigException($"--env '{flag}' needs the form NAME=VALUE");
            }

            env[flag[..equals]] = flag[(equals + 1)..];
        }

        return env;
    }

    private static TimeSpan? OptionalDuration(string? text, string option) =>
        text is null ? null : Options.Duration(text, option);

    private static NdjsonResultsWriter OpenResults(string path)
    {
        try
        {
            return new NdjsonResultsWriter(path, problem => Console.Error.WriteLine($"surge: warning: {problem}"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ConfigException($"--out '{path}' cannot be written: {FileProblem.Describe(exception, path)}");
        }
    }
}
