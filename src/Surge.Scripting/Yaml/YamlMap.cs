using Surge.Execution.Executors;
using Surge.Configuration;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// A YAML mapping read by key, with typed accessors. Keys the reader does not know become warnings
/// with a did-you-mean, not errors: an unknown key should not stop a run, but must not go unnoticed.
/// Where a misspelt key would silently change the test (the top-level options: <c>duraton</c> runs one
/// iteration), a key that is a close typo of a known one is an error instead.
/// An empty value (<c>key:</c>, <c>~</c>, <c>null</c>) counts as a missing key.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlFile _file;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
    private readonly List<(YamlScalarNode Key, YamlNode Value)> _entries = [];

    /// <summary>Reads a mapping's keys, warning about those not in <paramref name="keys"/> (null: any key is fine).</summary>
    /// <param name="file">The file the mapping is in.</param>
    /// <param name="node">The mapping.</param>
    /// <param name="keys">The keys the reader knows; null when any key is fine.</param>
    /// <param name="typosAreErrors">True to refuse an unknown key that is a close typo of a known one, rather than warn.</param>
    /// <exception cref="ConfigException">A key is not a text, or is a typo that <paramref name="typosAreErrors"/> refuses.</exception>
    public YamlMap(YamlFile file, YamlMappingNode node, IReadOnlyCollection<string>? keys, bool typosAreErrors = false)
    {
        _file = file;
        Node = node;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalar)
            {
                throw file.Error(keyNode, $"a key must be a text, not {YamlFile.Describe(keyNode)}");
            }

            _entries.Add((scalar, value));
            if (!YamlFile.IsNull(value))
            {
                _values[key] = value;
            }

            if (keys is null || keys.Contains(key))
            {
                continue;
            }

            if (typosAreErrors && Suggestions.Closest(key, keys) is { } meant)
            {
                throw file.Error(keyNode, $"unknown key '{key}': did you mean '{meant}'? Fix the name; as written, the option would be ignored");
            }

            file.Warn(keyNode, $"unknown key '{key}'{Suggestions.DidYouMean(key, keys)}");
        }
    }

    /// <summary>The mapping itself, for errors about it as a whole.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>Every key with its value, in file order (null values included).</summary>
    public IReadOnlyList<(YamlScalarNode Key, YamlNode Value)> Entries => _entries;

    /// <summary>True when the key is there with a value.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The value of a key, or null.</summary>
    public YamlNode? Get(string key) => _values.GetValueOrDefault(key);

    /// <summary>The value of a key, or an error at the mapping that says what to add.</summary>
    public YamlNode Required(string key, string message) => Get(key) ?? throw Missing(message);

    /// <summary>An error at the mapping as a whole, for something it lacks.</summary>
    public ConfigException Missing(string message) => _file.Error(Node, message);

    /// <summary>A text value.</summary>
    public string? Text(string key) => Get(key) is { } node ? _file.Text(node, $"'{key}'") : null;

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public int? WholeNumber(string key, int minimum = int.MinValue) =>
        Get(key) is { } node ? _file.WholeNumber(node, $"'{key}'", minimum) : null;

    /// <summary>A number of at least <paramref name="minimum"/>.</summary>
    public double? Number(string key, double minimum = double.MinValue) =>
        Get(key) is { } node ? _file.Number(node, $"'{key}'", minimum) : null;

    /// <summary>k6's stages: a list of <c>{ duration, target }</c>; null when the key is missing.</summary>
    public IReadOnlyList<Stage>? Stages(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        var stages = new List<Stage>();
        foreach (var item in _file.List(node, $"'{key}'"))
        {
            var stage = _file.Map(item, $"a stage of '{key}'", ["duration", "target"]);
            stages.Add(new Stage(
                stage.Duration("duration") ?? throw stage.Missing("a stage needs a 'duration', e.g. { duration: 30s, target: 100 }"),
                stage.WholeNumber("target", minimum: 0) ?? throw stage.Missing("a stage needs a 'target', e.g. { duration: 30s, target: 100 }")));
        }

        return stages;
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public bool? Boolean(string key) => Get(key) is { } node ? _file.Boolean(node, $"'{key}'") : null;

    /// <summary>A duration such as <c>30s</c>.</summary>
    public TimeSpan? Duration(string key) => Get(key) is { } node ? _file.Duration(node, $"'{key}'") : null;

    /// <summary>A size in bytes such as <c>64MiB</c>.</summary>
    public long? Size(string key) => Get(key) is { } node ? _file.Size(node, $"'{key}'") : null;

    /// <summary>A nested mapping, checked against its own keys.</summary>
    public YamlMap? Map(string key, IReadOnlyCollection<string>? keys) => Get(key) is { } node ? _file.Map(node, $"'{key}'", keys) : null;

    /// <summary>A mapping of texts (headers, tags, variables); empty when the key is missing.</summary>
    public Dictionary<string, string> Texts(string key)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Map(key, null) is { } map)
        {
            foreach (var (name, value) in map.Entries)
            {
                texts[name.Value!] = YamlFile.IsNull(value) ? "" : _file.Text(value, $"'{key}.{name.Value}'");
            }
        }

        return texts;
    }
}
