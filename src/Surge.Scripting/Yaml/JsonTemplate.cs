using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// A step's <c>json:</c> body: any YAML value written as JSON, with templates in its strings.
/// </summary>
/// <remarks>
/// Mappings become objects and lists arrays. An unquoted scalar that is a JSON number, <c>true</c>,
/// <c>false</c> or <c>null</c> (or empty, or <c>~</c>) keeps that type; anything quoted is a string.
/// To send a template's value as a number or boolean, tag it: <c>itemId: !!int "{{id}}"</c>
/// (<c>!!int</c>, <c>!!float</c>, <c>!!bool</c>; <c>!!str</c> forces a string).
/// </remarks>
internal sealed partial class JsonTemplate
{
    private const string YamlTag = "tag:yaml.org,2002:";
    private readonly Action<Utf8JsonWriter, IterationState> _write;

    private JsonTemplate(Action<Utf8JsonWriter, IterationState> write) => _write = write;

    /// <summary>Compiles a YAML value into a JSON writer.</summary>
    /// <exception cref="Surge.Configuration.ConfigException">A template is unknown or a tag unsupported.</exception>
    public static JsonTemplate Read(YamlFile file, YamlNode node, TemplateScope scope) => new(Compile(file, node, scope));

    /// <summary>The body for this iteration, UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Render(IterationState state)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            _write(writer, state);
        }

        return buffer.WrittenMemory;
    }

    private static Action<Utf8JsonWriter, IterationState> Compile(YamlFile file, YamlNode node, TemplateScope scope)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
            {
                var members = mapping.Children
                    .Select(p => (Name: file.Text(p.Key, "a JSON property name"), Write: Compile(file, p.Value, scope)))
                    .ToArray();
                return (writer, state) =>
                {
                    writer.WriteStartObject();
                    foreach (var (name, write) in members)
                    {
                        writer.WritePropertyName(name);
                        write(writer, state);
                    }

                    writer.WriteEndObject();
                };
            }

            case YamlSequenceNode sequence:
            {
                var items = sequence.Children.Select(n => Compile(file, n, scope)).ToArray();
                return (writer, state) =>
                {
                    writer.WriteStartArray();
                    foreach (var write in items)
                    {
                        write(writer, state);
                    }

                    writer.WriteEndArray();
                };
            }

            case YamlScalarNode scalar:
                return Scalar(file, scalar, scope);
            default:
                throw file.Error(node, $"{YamlFile.Describe(node)} cannot be written as JSON");
        }
    }

    private static Action<Utf8JsonWriter, IterationState> Scalar(YamlFile file, YamlScalarNode node, TemplateScope scope)
    {
        var value = node.Value ?? "";
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null && node.Style is ScalarStyle.Plain or ScalarStyle.Any)
        {
            if (YamlFile.IsNull(node))
            {
                return static (writer, _) => writer.WriteNullValue();
            }

            if (value is "true" or "false" or "True" or "False" or "TRUE" or "FALSE")
            {
                var flag = bool.Parse(value);
                return (writer, _) => writer.WriteBooleanValue(flag);
            }

            if (JsonNumber().IsMatch(value))
            {
                return (writer, _) => writer.WriteRawValue(value, skipInputValidation: true);
            }
        }

        var template = scope.Parse(value, node);
        var at = file.At(node);
        return tag switch
        {
            null or YamlTag + "str" => (writer, state) => writer.WriteStringValue(template.Render(state)),
            YamlTag + "int" or YamlTag + "float" => (writer, state) =>
            {
                var text = template.Render(state).Trim();
                writer.WriteRawValue(JsonNumber().IsMatch(text) ? text : throw new FormatException($"{at}: '{text}' is not a number, and the JSON value is tagged !!{tag[YamlTag.Length..]}"), skipInputValidation: true);
            },
            YamlTag + "bool" => (writer, state) =>
            {
                var text = template.Render(state).Trim();
                writer.WriteBooleanValue(bool.TryParse(text, out var flag) ? flag : throw new FormatException($"{at}: '{text}' is not true or false, and the JSON value is tagged !!bool"));
            },
            YamlTag + "null" => static (writer, _) => writer.WriteNullValue(),
            _ => throw file.Error(node, $"the tag {node.Tag} is not supported in a JSON body; use !!int, !!float, !!bool or !!str"),
        };
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
