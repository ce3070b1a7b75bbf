using Surge.Execution;

namespace Surge.Scripting.Yaml;

/// <summary>How a YAML scenario of one executor is read: the executor's own keys and a factory reading them.</summary>
/// <param name="Keys">The keys the executor adds to the common scenario keys.</param>
/// <param name="Read">Makes the executor's options from the scenario's mapping; the common keys are applied after.</param>
internal sealed record ExecutorReader(IReadOnlyList<string> Keys, Func<YamlMap, ExecutorOptions> Read);
