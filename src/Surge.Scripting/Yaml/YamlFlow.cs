using Surge.Execution;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// A <c>requests:</c> list, ready to run as an exec function: each iteration runs the steps in
/// order with a fresh <see cref="IterationState"/>.
/// </summary>
internal sealed class YamlFlow
{
    private readonly RequestStep[] _steps;
    private readonly int _dataSources;

    private YamlFlow(RequestStep[] steps, int dataSources)
    {
        _steps = steps;
        _dataSources = dataSources;
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<RequestStep> Steps => _steps;

    /// <summary>Reads a <c>requests:</c> list; templates are checked against the names known before each step.</summary>
    /// <exception cref="Surge.Configuration.ConfigException">The list or one of its steps is malformed.</exception>
    public static YamlFlow Read(
        YamlFile file, YamlNode requests, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, DataSource> data, IReadOnlySet<string>? knownEnv = null)
    {
        var items = file.List(requests, "'requests'");
        if (items.Count == 0)
        {
            throw file.Error(requests, "'requests' is empty; add at least one request, e.g. - url: /items");
        }

        var extractedInFlow = items.OfType<YamlMappingNode>().SelectMany(ExtractedNames).ToHashSet(StringComparer.Ordinal);
        var scope = new TemplateScope(file, variables, data, extractedInFlow, knownEnv);
        var steps = new RequestStep[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            steps[i] = StepReader.Read(file, items[i], scope);
        }

        return new YamlFlow(steps, data.Count);
    }

    /// <summary>Runs one iteration (an <see cref="IterationFunc"/>).</summary>
    public async ValueTask RunAsync(Vu vu, CancellationToken cancellationToken)
    {
        var state = new IterationState(vu, _dataSources);
        foreach (var step in _steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await step.RunAsync(state);
        }
    }

    private static IEnumerable<string> ExtractedNames(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("extract"), out var extract) && extract is YamlMappingNode names
            ? names.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")
            : [];
}
