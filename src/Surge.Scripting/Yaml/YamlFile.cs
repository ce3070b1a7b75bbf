using System.Globalization;
using System.Text.RegularExpressions;
using Surge.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// A YAML scenario file being read: its root mapping, the warnings found so far, and typed reads of
/// single nodes whose errors name the file, line and column (<c>test.yaml(7,6): ...</c>).
/// </summary>
internal sealed partial class YamlFile
{
    private readonly List<string> _warnings = [];

    private YamlFile(string name, string folder, YamlMappingNode root)
    {
        Name = name;
        Folder = folder;
        Root = root;
    }

    /// <summary>The file name, as errors and warnings start.</summary>
    public string Name { get; }

    /// <summary>The folder data files are relative to.</summary>
    public string Folder { get; }

    /// <summary>The top-level mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Unknown keys and other likely mistakes, each one line with its location.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Reads and parses the file.</summary>
    /// <exception cref="ConfigException">The file is missing, or is not YAML, or its top level is not a mapping.</exception>
    public static YamlFile Open(string path)
    {
        var name = Path.GetFileName(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ConfigException($"{name} was not found (looked for {full})");
        }

        var stream = new YamlStream();
        using (var reader = File.OpenText(full))
        {
            var scanner = new Scanner(reader);
            try
            {
                stream.Load(new Parser(scanner));
            }
            catch (YamlException exception)
            {
                // Some errors (a tab as indentation) are marked at the start of the enclosing mapping,
                // which for the top level is the file's first character; where the scanner stopped says more.
                var at = exception.Start.Index == 0 && scanner.CurrentPosition.Index > 0 ? scanner.CurrentPosition : exception.Start;
                throw new ConfigException($"{name}({at.Line},{at.Column}): {Describe(exception)}", exception);
            }
            catch (InvalidOperationException exception)
            {
                // YamlDotNet 16 throws this, with no position, on some unclosed flow collections.
                var at = scanner.CurrentPosition;
                throw new ConfigException($"{name}({at.Line},{at.Column}): the YAML is malformed here; look for an unclosed {{ or [ or a missing quote above", exception);
            }
        }

        var folder = Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count == 0 ? "(1,1)" : $"({stream.Documents[0].RootNode.Start.Line},{stream.Documents[0].RootNode.Start.Column})";
            throw new ConfigException($"{name}{at}: the file must be a mapping of options and requests, e.g. 'requests: [{{ url: /fast }}]'");
        }

        var file = new YamlFile(name, folder, root);
        return stream.Documents.Count == 1
            ? file
            : throw file.Error(stream.Documents[1].RootNode, "a scenario file holds one YAML document; remove the second '---'");
    }

    /// <summary>Where a node starts, e.g. <c>test.yaml(7,6)</c>.</summary>
    public string At(YamlNode node) => $"{Name}({node.Start.Line},{node.Start.Column})";

    /// <summary>A one-line error located at <paramref name="node"/>.</summary>
    public ConfigException Error(YamlNode node, string message) => new($"{At(node)}: {message}");

    /// <summary>Records a warning located at <paramref name="node"/>.</summary>
    public void Warn(YamlNode node, string message) => _warnings.Add($"{At(node)}: {message}");

    /// <summary>A mapping, with a warning for each key not in <paramref name="keys"/> (null: any key is fine).</summary>
    public YamlMap Map(YamlNode node, string what, IReadOnlyCollection<string>? keys) =>
        node is YamlMappingNode mapping
            ? new YamlMap(this, mapping, keys)
            : throw Error(node, $"{what} must be a mapping of keys to values, not {Describe(node)}");

    /// <summary>The items of a list.</summary>
    public IReadOnlyList<YamlNode> List(YamlNode node, string what) =>
        node is YamlSequenceNode sequence
            ? [.. sequence.Children]
            : throw Error(node, $"{what} must be a list, not {Describe(node)}");

    /// <summary>The items of a list, or the node itself when it is a single value.</summary>
    public static IReadOnlyList<YamlNode> OneOrMany(YamlNode node) =>
        node is YamlSequenceNode sequence ? [.. sequence.Children] : [node];

    /// <summary>A scalar's text.</summary>
    public string Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        // {{x}} unquoted is a YAML flow mapping inside a flow mapping, not a template.
        var hint = node is YamlMappingNode { Children.Count: 1 } mapping && mapping.Children.Keys.First() is YamlMappingNode
            ? "; quote values that start with {{, e.g. url: \"/items/{{id}}\""
            : "";
        throw Error(node, $"{what} must be a text, not {Describe(node)}{hint}");
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public int WholeNumber(YamlNode node, string what, int minimum = int.MinValue)
    {
        var text = Text(node, what);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, $"{what} must be a whole number, not '{text}'");
        }

        return value >= minimum ? value : throw Error(node, $"{what} must be at least {minimum}, not {value}");
    }

    /// <summary>A number (a rate) of at least <paramref name="minimum"/>.</summary>
    public double Number(YamlNode node, string what, double minimum)
    {
        var text = Text(node, what);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(node, $"{what} must be a number, not '{text}'");
        }

        return value >= minimum ? value : throw Error(node, $"{what} must be at least {minimum}, not {value}");
    }

    /// <summary>An HTTP status code, 100 to 599.</summary>
    public int Status(YamlNode node, string what)
    {
        var status = WholeNumber(node, what);
        return status is >= 100 and <= 599 ? status : throw Error(node, $"{what} must be an HTTP status from 100 to 599, not {status}");
    }

    /// <summary><c>true</c> or <c>false</c>, in any case.</summary>
    public bool Boolean(YamlNode node, string what)
    {
        var text = Text(node, what);
        return bool.TryParse(text, out var value) ? value : throw Error(node, $"{what} must be true or false, not '{text}'");
    }

    /// <summary>A duration as k6 writes it: <c>30s</c>, <c>1m30s</c>, <c>500ms</c>; a bare number is seconds.</summary>
    public TimeSpan Duration(YamlNode node, string what) =>
        Durations.TryParse(Text(node, what), out var duration, out var error) ? duration : throw Error(node, $"{what}: {error}");

    /// <summary>A size in bytes: <c>65536</c>, <c>512KiB</c>, <c>64MiB</c>, <c>10MB</c>.</summary>
    public long Size(YamlNode node, string what) =>
        ByteSizes.TryParse(Text(node, what), out var bytes, out var error) ? bytes : throw Error(node, $"{what}: {error}");

    /// <summary>True for an empty value, <c>~</c> or <c>null</c>: the same as leaving the key out.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>What a node is, for messages: <c>a mapping</c>, <c>a list</c> or the text quoted.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    // YamlDotNet prefixes its messages with both marks; the location is already in front of ours.
    private static string Describe(YamlException exception)
    {
        var message = MarkPrefix().Replace(exception.Message, "");
        return exception.InnerException is YamlException inner && message.Length == 0 ? Describe(inner) : message.ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
