using System.Globalization;
using System.Text.Json;

namespace Surge.Scripting.Yaml;

/// <summary>
/// A small JSON path over <see cref="JsonElement"/>: <c>$</c> (the whole body), then any of
/// <c>.name</c>, <c>['name']</c> (or <c>["name"]</c>, for names with dots or spaces) and
/// <c>[index]</c> (from 0). No wildcards, filters, slices or recursive descent.
/// </summary>
/// <example><c>$.user</c>, <c>$.items[0].id</c>, <c>$['content-type']</c>, <c>$[2]</c>.</example>
internal sealed class JsonPath
{
    // Each step is a property name, or an array index when the name is null.
    private readonly (string? Name, int Index)[] _steps;

    private JsonPath(string text, (string? Name, int Index)[] steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses a path.</summary>
    /// <returns>False, with a reason that says what is wrong where, when the path is malformed.</returns>
    public static bool TryParse(string text, out JsonPath? path, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        error = "";
        if (!text.StartsWith('$'))
        {
            error = $"JSON path '{text}' must start with '$', e.g. $.token or $.items[0].id";
            return false;
        }

        var steps = new List<(string?, int)>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] is not ('.' or '['))
                {
                    i++;
                }

                if (i == start)
                {
                    error = $"JSON path '{text}' has an empty name at position {start}";
                    return false;
                }

                steps.Add((text[start..i], 0));
            }
            else if (text[i] == '[' && i + 1 < text.Length && text[i + 1] is '\'' or '"')
            {
                var quote = text[i + 1];
                var close = text.IndexOf(quote, i + 2);
                if (close < 0 || close + 1 >= text.Length || text[close + 1] != ']')
                {
                    error = $"JSON path '{text}' has an unclosed [{quote}name{quote}] at position {i}";
                    return false;
                }

                steps.Add((text[(i + 2)..close], 0));
                i = close + 2;
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    error = $"JSON path '{text}' needs [index] (a whole number from 0) or ['name'] at position {i}";
                    return false;
                }

                steps.Add((null, index));
                i = close + 1;
            }
            else
            {
                error = $"JSON path '{text}' has '{text[i]}' at position {i} where '.' or '[' must be";
                return false;
            }
        }

        path = new JsonPath(text, [.. steps]);
        return true;
    }

    /// <summary>Parses a path.</summary>
    /// <exception cref="FormatException">The path is malformed.</exception>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path! : throw new FormatException(error);

    /// <summary>Finds the element the path points at.</summary>
    /// <returns>False when a name or index along the way is missing, or the value is not an object or array there.</returns>
    public bool TryFind(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var (name, index) in _steps)
        {
            if (name is not null)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength())
            {
                return false;
            }
            else
            {
                value = value[index];
            }
        }

        return true;
    }

    /// <summary>The element's value as text: a string without quotes, anything else as its JSON (<c>17</c>, <c>true</c>, <c>{"a":1}</c>).</summary>
    public static string TextOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    /// <inheritdoc />
    public override string ToString() => Text;
}
