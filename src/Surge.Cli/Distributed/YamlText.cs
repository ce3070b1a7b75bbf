using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Surge.Cli.Distributed;

/// <summary>
/// Writes Kubernetes objects as YAML: maps (ordered pairs), lists, strings, numbers and booleans.
/// Every string is written in double quotes with JSON's escapes, which YAML reads the same way, so no
/// script text or flag can change the document's structure.
/// </summary>
internal static class YamlText
{
    /// <summary>The documents, separated by <c>---</c>.</summary>
    public static string Documents(IEnumerable<Map> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append("---\n");
            WriteMap(text, document, 0);
        }

        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, Map map, int indent)
    {
        foreach (var (key, value) in map)
        {
            text.Append(' ', indent).Append(key).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, object value, int indent)
    {
        switch (value)
        {
            case Map { Count: 0 }:
                text.Append(" {}\n");
                break;
            case Map map:
                text.Append('\n');
                WriteMap(text, map, indent + 2);
                break;
            case IReadOnlyList<object> { Count: 0 }:
                text.Append(" []\n");
                break;
            case IReadOnlyList<object> list:
                text.Append('\n');
                foreach (var item in list)
                {
                    text.Append(' ', indent).Append("- ");
                    if (item is Map { Count: > 0 } inner)
                    {
                        // The first pair goes on the dash's line; the rest line up under it.
                        var nested = new StringBuilder();
                        WriteMap(nested, inner, indent + 2);
                        text.Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                    }
                    else
                    {
                        var scalar = new StringBuilder();
                        WriteValue(scalar, item, indent + 2);
                        text.Append(scalar.ToString().TrimStart());
                    }
                }

                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(object value) => value switch
    {
        string s => JsonSerializer.Serialize(s, JsonOptions),
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new ArgumentException($"YAML of a {value.GetType().Name} is not written here", nameof(value)),
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A YAML map whose keys keep the order they were added in.</summary>
    internal sealed class Map : List<KeyValuePair<string, object>>
    {
        public void Add(string key, object value) => Add(new KeyValuePair<string, object>(key, value));
    }
}
