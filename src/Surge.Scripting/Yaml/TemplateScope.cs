using System.Globalization;
using Surge.Configuration;
using Surge.Execution;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// The names templates of one flow may use, and the parser that checks them when the file loads.
/// </summary>
/// <remarks>
/// <c>{{name}}</c> is, in this order: a built-in (<c>vu</c>: the VU's id, <c>iteration</c>: the
/// VU's iteration number from 0, <c>scenario</c>: the scenario's name); <c>env.NAME</c>, the VU's
/// environment variable (an error at run time when it is not set); a value extracted by an earlier
/// step of the flow; a variable from <c>variables:</c> (fixed text); <c>source.column</c> from a
/// <c>data:</c> source. Anything else is an error at load time with a did-you-mean. Spaces inside
/// the braces are ignored; there is no escape for a literal <c>{{</c>.
/// </remarks>
internal sealed class TemplateScope
{
    private static readonly string[] BuiltIns = ["vu", "iteration", "scenario"];
    private readonly YamlFile _file;
    private readonly IReadOnlyDictionary<string, string> _variables;
    private readonly IReadOnlyDictionary<string, DataSource> _data;
    private readonly IReadOnlySet<string> _extractedInFlow;
    private readonly IReadOnlySet<string>? _knownEnv;
    private readonly HashSet<string> _extracted = new(StringComparer.Ordinal);

    /// <summary>Creates the scope of one flow, before its first step.</summary>
    /// <param name="file">The file, for error locations.</param>
    /// <param name="variables">The file's <c>variables:</c>.</param>
    /// <param name="data">The file's <c>data:</c> sources by name.</param>
    /// <param name="extractedInFlow">Every name the flow's steps extract, to tell "later step" from "unknown".</param>
    /// <param name="knownEnv">Every environment variable the test's VUs may see; null when not known before the run.</param>
    public TemplateScope(
        YamlFile file, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, DataSource> data, IReadOnlySet<string> extractedInFlow, IReadOnlySet<string>? knownEnv = null)
    {
        _knownEnv = knownEnv;
        _file = file;
        _variables = variables;
        _data = data;
        _extractedInFlow = extractedInFlow;
    }

    /// <summary>Makes a name extracted by the step just read usable by the steps after it.</summary>
    public void Extracted(string name) => _extracted.Add(name);

    /// <summary>Parses a scalar node as a template.</summary>
    public Template Parse(YamlNode node, string what) => Parse(_file.Text(node, what), node);

    /// <summary>Parses text found at <paramref name="node"/> as a template.</summary>
    /// <exception cref="ConfigException">A reference is malformed or names nothing known.</exception>
    public Template Parse(string text, YamlNode node)
    {
        var parts = new List<Func<IterationState, string>>();
        var literal = new System.Text.StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(text, position, text.Length - position);
                break;
            }

            literal.Append(text, position, open - position);
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error(node, open, $"'{{{{' without a closing '}}}}' in '{text}'");
            }

            var name = text[(open + 2)..close].Trim();
            if (_variables.TryGetValue(name, out var variable) && !IsReserved(name))
            {
                literal.Append(variable);
            }
            else
            {
                if (literal.Length > 0)
                {
                    var fixedText = literal.ToString();
                    parts.Add(_ => fixedText);
                    literal.Clear();
                }

                parts.Add(Resolve(name, text, node, open));
            }

            position = close + 2;
        }

        if (parts.Count == 0)
        {
            return Template.Constant(text, literal.ToString());
        }

        if (literal.Length > 0)
        {
            var tail = literal.ToString();
            parts.Add(_ => tail);
        }

        return Template.Of(text, parts);
    }

    private bool IsReserved(string name) =>
        BuiltIns.Contains(name) || name.StartsWith("env.", StringComparison.Ordinal) || _extracted.Contains(name);

    private Func<IterationState, string> Resolve(string name, string text, YamlNode node, int offset)
    {
        switch (name)
        {
            case "vu":
                return static s => s.Vu.Id.ToString(CultureInfo.InvariantCulture);
            case "iteration":
                return static s => s.Vu.Iteration.ToString(CultureInfo.InvariantCulture);
            case "scenario":
                return static s => s.Vu.Scenario;
        }

        if (name.StartsWith("env.", StringComparison.Ordinal) && name.Length > 4)
        {
            var variable = name[4..];
            if (_knownEnv is not null && !_knownEnv.Contains(variable))
            {
                throw Error(node, offset, $"environment variable '{variable}' in '{text}' is not set; pass -e {variable}=VALUE, export it, or set it in the scenario's env");
            }

            var at = _file.At(node);
            return s => s.Vu.Env.TryGetValue(variable, out var value)
                ? value
                : throw new IterationFailedException($"{at}: environment variable '{variable}' is not set; pass -e {variable}=VALUE");
        }

        if (_extracted.Contains(name))
        {
            return s => s.Extracted(name);
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && _data.TryGetValue(name[..dot], out var source))
        {
            var column = name[(dot + 1)..];
            return source.Columns.Contains(column)
                ? s => s.Row(source)[column]
                : throw Error(node, offset, $"data source '{source.Name}' has no column '{column}'{Suggestions.DidYouMean(column, source.Columns)}; its columns are {string.Join(", ", source.Columns)}");
        }

        if (name.Length == 0)
        {
            throw Error(node, offset, $"empty template '{{{{}}}}' in '{text}'; write a name inside, e.g. {{{{vu}}}}");
        }

        if (_extractedInFlow.Contains(name))
        {
            throw Error(node, offset, $"'{name}' in '{text}' is extracted by a later step; a step can only use values extracted by the steps before it");
        }

        var known = BuiltIns.Concat(_variables.Keys).Concat(_extracted).Concat(_data.Values.SelectMany(d => d.Columns.Select(c => $"{d.Name}.{c}")));
        throw Error(node, offset, $"unknown template variable '{name}' in '{text}'{Suggestions.DidYouMean(name, known)}; use a variable, a value extracted by an earlier step, a data column (source.column), env.NAME, vu, iteration or scenario");
    }

    // Points at the "{{" itself when the scalar sits on one line with no escapes to shift columns.
    private ConfigException Error(YamlNode node, int offset, string message)
    {
        if (node is YamlScalarNode { Value: { } value } scalar && scalar.Start.Line == scalar.End.Line)
        {
            var quote = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            if (scalar.End.Column - scalar.Start.Column == value.Length + (2 * quote))
            {
                return new ConfigException($"{_file.Name}({scalar.Start.Line},{scalar.Start.Column + quote + offset}): {message}");
            }
        }

        return _file.Error(node, message);
    }
}
