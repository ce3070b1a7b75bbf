namespace Surge.Scripting.Yaml;

/// <summary>
/// A text with <c>{{name}}</c> references, parsed once when the file loads (see
/// <see cref="TemplateScope"/>) and rendered per iteration.
/// </summary>
internal sealed class Template
{
    private readonly string? _constant;
    private readonly Func<IterationState, string>[] _parts;

    private Template(string text, string? constant, Func<IterationState, string>[] parts)
    {
        Text = text;
        _constant = constant;
        _parts = parts;
    }

    /// <summary>The text as written in the file, references included: the default request name and check name.</summary>
    public string Text { get; }

    /// <summary>True when nothing in it changes between iterations (no references, or variables only).</summary>
    public bool IsConstant => _constant is not null;

    /// <summary>A template whose value is fixed at load time.</summary>
    public static Template Constant(string text, string value) => new(text, value, []);

    /// <summary>A template made of parts, each rendered per iteration and joined.</summary>
    public static Template Of(string text, IEnumerable<Func<IterationState, string>> parts) => new(text, null, [.. parts]);

    /// <summary>The text with every reference replaced by its value in this iteration.</summary>
    public string Render(IterationState state)
    {
        if (_constant is not null)
        {
            return _constant;
        }

        if (_parts.Length == 1)
        {
            return _parts[0](state);
        }

        var values = new string[_parts.Length];
        for (var i = 0; i < _parts.Length; i++)
        {
            values[i] = _parts[i](state);
        }

        return string.Concat(values);
    }
}
