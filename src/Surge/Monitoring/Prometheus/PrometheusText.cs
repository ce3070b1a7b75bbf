using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace Surge.Monitoring.Prometheus;

/// <summary>
/// Reads the Prometheus text exposition format, version 0.0.4, as node_exporter serves it:
/// <c>name{label="value",...} value [timestamp]</c>, one sample a line.
/// </summary>
/// <remarks>
/// Comments (<c># HELP</c>, <c># TYPE</c>) and blank lines are skipped. Timestamps are checked and
/// dropped: a monitor stamps its samples with its own clock. A malformed line throws a
/// <see cref="FormatException"/> whose message starts with <c>line N:</c>.
/// </remarks>
internal static class PrometheusText
{
    private const int QuotedLength = 60;

    /// <summary>Parses a whole scrape.</summary>
    /// <exception cref="FormatException">A line is not a comment, not blank and not a sample.</exception>
    public static List<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var lineNumber = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = text.AsSpan(range).Trim(" \t\r");
            if (!line.IsEmpty && line[0] != '#')
            {
                samples.Add(ParseSample(line, lineNumber));
            }
        }

        return samples;
    }

    private static PrometheusSample ParseSample(ReadOnlySpan<char> line, int lineNumber)
    {
        var position = 0;
        var name = ReadName(line, ref position, allowColon: true);
        if (name.IsEmpty || (position < line.Length && line[position] is not ('{' or ' ' or '\t')))
        {
            throw Error(lineNumber, "not a metric name", line);
        }

        SkipBlanks(line, ref position);
        IReadOnlyDictionary<string, string> labels = ReadOnlyDictionary<string, string>.Empty;
        if (position < line.Length && line[position] == '{')
        {
            labels = ReadLabels(line, ref position, lineNumber);
        }

        if (!TryParseValue(ReadToken(line, ref position), out var value))
        {
            throw Error(lineNumber, "no number after the metric name", line);
        }

        var timestamp = ReadToken(line, ref position);
        if (!timestamp.IsEmpty && !long.TryParse(timestamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw Error(lineNumber, "the timestamp is not whole milliseconds", line);
        }

        if (position < line.Length)
        {
            throw Error(lineNumber, "unexpected text after the value", line);
        }

        return new PrometheusSample(name.ToString(), labels, value);
    }

    private static Dictionary<string, string> ReadLabels(ReadOnlySpan<char> line, ref int position, int lineNumber)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        position++;
        while (true)
        {
            SkipBlanks(line, ref position);
            if (position < line.Length && line[position] == '}')
            {
                break;
            }

            var name = ReadName(line, ref position, allowColon: false);
            SkipBlanks(line, ref position);
            var equals = Skip(line, ref position, '=');
            SkipBlanks(line, ref position);
            if (name.IsEmpty || !equals || !Skip(line, ref position, '"'))
            {
                throw Error(lineNumber, "expected label=\"value\"", line);
            }

            if (!labels.TryAdd(name.ToString(), ReadLabelValue(line, ref position, lineNumber)))
            {
                throw Error(lineNumber, $"label {name} appears twice", line);
            }

            SkipBlanks(line, ref position);
            if (!Skip(line, ref position, ',') && (position >= line.Length || line[position] != '}'))
            {
                throw Error(lineNumber, "expected ',' or '}' after a label", line);
            }
        }

        position++;
        SkipBlanks(line, ref position);
        return labels;
    }

    private static string ReadLabelValue(ReadOnlySpan<char> line, ref int position, int lineNumber)
    {
        var start = position;
        StringBuilder? unescaped = null;
        while (position < line.Length)
        {
            var c = line[position++];
            if (c == '"')
            {
                return unescaped?.ToString() ?? line[start..(position - 1)].ToString();
            }

            if (c != '\\')
            {
                unescaped?.Append(c);
                continue;
            }

            if (position == line.Length)
            {
                break;
            }

            unescaped ??= new StringBuilder().Append(line[start..(position - 1)]);
            unescaped.Append(line[position++] switch
            {
                '\\' => '\\',
                '"' => '"',
                'n' => '\n',
                _ => throw Error(lineNumber, "a label value has an escape other than \\\\, \\\" or \\n", line),
            });
        }

        throw Error(lineNumber, "a label value has no closing quote", line);
    }

    private static bool TryParseValue(ReadOnlySpan<char> token, out double value)
    {
        // Go writes infinity as +Inf, which .NET does not read; NaN and exponents it reads as Go writes them.
        if (token.Equals("+Inf", StringComparison.OrdinalIgnoreCase) || token.Equals("Inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (token.Equals("-Inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static ReadOnlySpan<char> ReadName(ReadOnlySpan<char> line, ref int position, bool allowColon)
    {
        var start = position;
        while (position < line.Length
            && (char.IsAsciiLetter(line[position]) || line[position] == '_' || (allowColon && line[position] == ':')
                || (position > start && char.IsAsciiDigit(line[position]))))
        {
            position++;
        }

        return line[start..position];
    }

    private static ReadOnlySpan<char> ReadToken(ReadOnlySpan<char> line, ref int position)
    {
        var start = position;
        while (position < line.Length && line[position] is not (' ' or '\t'))
        {
            position++;
        }

        var token = line[start..position];
        SkipBlanks(line, ref position);
        return token;
    }

    private static bool Skip(ReadOnlySpan<char> line, ref int position, char expected)
    {
        if (position >= line.Length || line[position] != expected)
        {
            return false;
        }

        position++;
        return true;
    }

    private static void SkipBlanks(ReadOnlySpan<char> line, ref int position)
    {
        while (position < line.Length && line[position] is (' ' or '\t'))
        {
            position++;
        }
    }

    private static FormatException Error(int lineNumber, string what, ReadOnlySpan<char> line)
    {
        var quoted = line.Length > QuotedLength ? $"{line[..QuotedLength]}..." : line.ToString();
        return new FormatException($"line {lineNumber}: {what}: {quoted}");
    }
}
