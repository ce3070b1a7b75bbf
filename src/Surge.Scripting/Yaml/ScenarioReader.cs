using Surge.Configuration;
using Surge.Scenarios;
using YamlDotNet.RepresentationModel;

using Surge.Plan;

namespace Surge.Scripting.Yaml;

/// <summary>Reads a YAML file's <c>scenarios:</c>, each with its executor and, usually, its own flow.</summary>
/// <example><code>
/// scenarios:
///   browse:
///     executor: constant-vus    # required; see ExecutorReaders
///     vus: 10                   # constant-vus: default 1
///     duration: 30s             # constant-vus: required
///     startTime: 0s
///     gracefulStop: 30s
///     tags: { kind: browse }
///     env: { ITEM: "17" }       # seen by env.ITEM templates of this scenario's VUs
///     requests: [ ... ]         # the scenario's flow; without it, the file's top-level requests
/// </code></example>
internal static class ScenarioReader
{
    private static readonly string[] CommonKeys = ["executor", "startTime", "gracefulStop", "tags", "env", "requests"];

    /// <summary>Adds each scenario to <paramref name="options"/>, with <c>Exec</c> set to its name when it has its own flow.</summary>
    /// <returns>The scenarios' own flows by scenario name.</returns>
    /// <exception cref="ConfigException">A scenario is malformed.</exception>
    public static Dictionary<string, YamlFlow> Read(YamlFile file, YamlMap scenarios, TestOptions options, bool hasTopLevelRequests, Func<YamlNode, YamlFlow> readFlow)
    {
        var flows = new Dictionary<string, YamlFlow>(StringComparer.Ordinal);
        if (scenarios.Entries.Count == 0)
        {
            throw file.Error(scenarios.Node, "'scenarios' is empty; add one, e.g. browse: { executor: constant-vus, vus: 10, duration: 30s }");
        }

        foreach (var (nameNode, value) in scenarios.Entries)
        {
            var name = nameNode.Value!;
            if (value is not YamlMappingNode mapping)
            {
                throw file.Error(value, $"scenario '{name}' must be a mapping with an executor, e.g. {{ executor: constant-vus, vus: 10, duration: 30s }}");
            }

            var executorNode = mapping.Children.TryGetValue(new YamlScalarNode("executor"), out var node) && !YamlFile.IsNull(node)
                ? node
                : throw file.Error(mapping, $"scenario '{name}' needs an 'executor', e.g. executor: constant-vus");
            var executorName = file.Text(executorNode, "'executor'");
            if (!ExecutorReaders.ByName.TryGetValue(executorName, out var reader))
            {
                throw file.Error(executorNode, $"unknown executor '{executorName}'{Suggestions.DidYouMean(executorName, ExecutorReaders.ByName.Keys)}; Surge has {string.Join(", ", ExecutorReaders.ByName.Keys)}");
            }

            var map = new YamlMap(file, mapping, [.. CommonKeys, .. reader.Keys]);
            YamlFlow? flow = null;
            if (map.Get("requests") is { } requests)
            {
                flow = readFlow(requests);
                flows[name] = flow;
            }
            else if (!hasTopLevelRequests)
            {
                throw file.Error(mapping, $"scenario '{name}' has no 'requests', and the file has no top-level 'requests' for it to run");
            }

            options.Scenarios[name] = reader.Read(map) with
            {
                StartTime = map.Duration("startTime") ?? TimeSpan.Zero,
                GracefulStop = map.Duration("gracefulStop") ?? PlanDefaults.GracefulStop,
                Exec = flow is null ? null : name,
                Tags = map.Texts("tags"),
                Env = map.Texts("env"),
            };
        }

        return flows;
    }
}
