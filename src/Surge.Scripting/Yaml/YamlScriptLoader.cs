using Surge.Configuration;
using Surge.Execution;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// Loads a YAML scenario file (<c>surge run test.yaml</c>): options, data, variables and the
/// requests each iteration sends, with checks, extracted values and think time.
/// </summary>
/// <remarks>
/// <para>The top level (see <see cref="TestOptionsReader"/> for the options):</para>
/// <code>
/// baseUrl: http://127.0.0.1:8080        # optional
/// headers: { Accept: application/json } # default headers, fixed text
/// variables: { itemId: "17" }           # template variables, fixed text
/// data:                                 # CSV files with a header line, relative to this file
///   users: { file: users.csv, pick: per-vu }   # per-vu (default) | sequential | random
/// vus: 10
/// duration: 30s
/// requests: [ ... ]                     # the default flow (see StepReader)
/// scenarios: { ... }                    # or named scenarios (see ScenarioReader)
/// </code>
/// <para>
/// A file needs <c>requests</c>, <c>scenarios</c> or both. Templates (<c>{{name}}</c>, see
/// <see cref="TemplateScope"/>) are checked when the file loads. Every error is a
/// <see cref="ConfigException"/> of one line that starts with the file, line and column; unknown
/// keys are warnings in <see cref="LoadedScript.Warnings"/>, except a close typo of a top-level key
/// (<c>duraton</c>), which is an error.
/// </para>
/// </remarks>
internal static class YamlScriptLoader
{
    private static readonly string[] Keys =
    [
        "baseUrl", "headers", "variables", "data", "vus", "duration", "iterations", "stages", "gracefulStop", "timeout", "insecure",
        "discardResponseBodies", "maxResponseBodyBytes", "userAgent", "tags", "thresholds", "goals", "requests", "scenarios",
    ];

    /// <summary>Loads the file.</summary>
    /// <param name="path">The file, absolute or relative to the current folder.</param>
    /// <param name="env">
    /// The environment the test will run with (the process's and <c>-e</c> flags): an <c>env.NAME</c>
    /// template that neither it nor any scenario's <c>env</c> sets is an error before the test
    /// starts. Null leaves that to the iterations.
    /// </param>
    /// <exception cref="ConfigException">The file is missing or invalid; the message says where and what to fix.</exception>
    public static LoadedScript Load(string path, IReadOnlyDictionary<string, string>? env = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = YamlFile.Open(path);
        var root = new YamlMap(file, file.Root, Keys, typosAreErrors: true);
        var options = TestOptionsReader.Read(file, root);
        var variables = root.Texts("variables");
        var data = new Dictionary<string, DataSource>(StringComparer.Ordinal);
        if (root.Map("data", null) is { } sources)
        {
            foreach (var (name, value) in sources.Entries)
            {
                data[name.Value!] = DataSource.Read(file, name, value, data.Count);
            }
        }

        var knownEnv = env is null ? null : KnownEnv(env, root.Get("scenarios"));
        var defaultFlow = root.Get("requests") is { } requests ? YamlFlow.Read(file, requests, variables, data, knownEnv) : null;
        var flows = root.Map("scenarios", null) is { } scenarios
            ? ScenarioReader.Read(file, scenarios, options, defaultFlow is not null, node => YamlFlow.Read(file, node, variables, data, knownEnv))
            : [];
        if (defaultFlow is null && options.Scenarios.Count == 0)
        {
            throw file.Error(file.Root, $"{file.Name} has neither 'requests' nor 'scenarios'; add a list of requests, e.g. requests: [{{ url: /fast }}]");
        }

        var steps = flows.Values.Append(defaultFlow).SelectMany(f => f?.Steps ?? []);
        if (options.DiscardResponseBodies && steps.Any(s => s.Extractors.Any(e => e.ReadsBody) || s.Checks.Any(c => c.ReadsBody)))
        {
            file.Warn(root.Get("discardResponseBodies")!, "discardResponseBodies: true leaves response bodies empty, so body and JSON path checks and JSON path and regex extracts will fail");
        }

        return new LoadedScript
        {
            Path = path,
            Options = options,
            ResolveExec = name => Resolve(file.Name, name, defaultFlow, flows),
            Warnings = file.Warnings,
        };
    }

    /// <summary>The environment's names and every name a scenario's <c>env:</c> sets (read ahead of the flows that use them).</summary>
    private static HashSet<string> KnownEnv(IReadOnlyDictionary<string, string> env, YamlNode? scenarios)
    {
        var known = new HashSet<string>(env.Keys, StringComparer.Ordinal);
        var envKey = new YamlScalarNode("env");
        foreach (var scenario in (scenarios as YamlMappingNode)?.Children.Values ?? [])
        {
            if (scenario is YamlMappingNode map && map.Children.TryGetValue(envKey, out var names) && names is YamlMappingNode set)
            {
                known.UnionWith(set.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? ""));
            }
        }

        return known;
    }

    private static IterationFunc Resolve(string fileName, string? name, YamlFlow? defaultFlow, Dictionary<string, YamlFlow> flows)
    {
        if (name is null)
        {
            // --vus/--duration replace the scenarios with a default one: a file with a single
            // scenario and no top-level requests still means that scenario's flow.
            var flow = defaultFlow ?? (flows.Count == 1 ? flows.Values.Single() : null);
            return flow is not null
                ? flow.RunAsync
                : throw new ScriptException($"{fileName} has no top-level 'requests' for it to run; add them");
        }

        return flows.TryGetValue(name, out var named)
            ? named.RunAsync
            : throw new ScriptException($"{fileName} has no scenario '{name}' with its own requests{Suggestions.DidYouMean(name, flows.Keys)}");
    }
}
