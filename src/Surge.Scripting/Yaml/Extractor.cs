using System.Text.Json;
using System.Text.RegularExpressions;
using Surge.Configuration;
using Surge.Execution;
using Surge.Http;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// One entry of a step's <c>extract:</c>: a name, and where its value comes from in the response.
/// Later steps of the same iteration use it as <c>{{name}}</c>.
/// </summary>
/// <example><code>
/// extract:
///   token: { jsonPath: $.token }        # a string without quotes; other JSON values as their JSON text
///   csrf: { regex: 'csrf=(\w+)' }       # group 1 when the regex has a group, else the whole match
///   location: { header: Location }
///   session: { cookie: sid }            # from the VU's cookie jar, for the request's URL
/// </code></example>
/// <remarks>
/// When nothing matches, the iteration fails with an error that names the step's line; the test
/// goes on and counts it among the iteration errors.
/// </remarks>
internal sealed partial class Extractor
{
    private static readonly string[] Keys = ["jsonPath", "regex", "header", "cookie"];
    private readonly Func<HttpResponse, string, IterationState, string?> _find;
    private readonly string _at;
    private readonly string _what;

    private Extractor(string name, string at, string what, Func<HttpResponse, string, IterationState, string?> find)
    {
        Name = name;
        _at = at;
        _what = what;
        _find = find;
    }

    /// <summary>The name later templates use.</summary>
    public string Name { get; }

    /// <summary>True when it reads the body (JSON path, regex), which <c>discardResponseBodies</c> leaves empty.</summary>
    public bool ReadsBody => !_what.StartsWith("header ", StringComparison.Ordinal) && !_what.StartsWith("cookie ", StringComparison.Ordinal);

    /// <summary>Reads an entry of <c>extract:</c>.</summary>
    /// <exception cref="ConfigException">The entry is malformed.</exception>
    public static Extractor Read(YamlFile file, YamlScalarNode name, YamlNode value)
    {
        var variable = name.Value!;
        if (!NamePattern().IsMatch(variable) || variable is "vu" or "iteration" or "scenario" or "env")
        {
            throw file.Error(name, $"'{variable}' cannot be an extracted name; use letters, digits and _ (not vu, iteration, scenario or env)");
        }

        var map = file.Map(value, $"extract '{variable}'", Keys);
        var sources = Keys.Where(map.Has).ToList();
        if (sources.Count != 1)
        {
            throw file.Error(value, $"extract '{variable}' needs exactly one of jsonPath, regex, header or cookie, e.g. {{ jsonPath: $.token }}");
        }

        var source = map.Get(sources[0])!;
        var text = file.Text(source, $"'{sources[0]}'");
        var at = file.At(value);
        return sources[0] switch
        {
            "jsonPath" => FromJson(file, source, text, variable, at),
            "regex" => FromRegex(file, source, text, variable, at),
            "header" => new Extractor(variable, at, $"header {text}", (response, _, _) => response.Header(text)),
            _ => new Extractor(variable, at, $"cookie {text}", (_, url, state) => Cookie(state, url, text)),
        };
    }

    /// <summary>The value in this response.</summary>
    /// <param name="response">The step's response.</param>
    /// <param name="url">The step's URL as sent, absolute or relative to the base URL.</param>
    /// <param name="state">The iteration.</param>
    /// <exception cref="InvalidOperationException">Nothing matched; the message says what and where.</exception>
    public string Extract(HttpResponse response, string url, IterationState state)
    {
        string? value;
        try
        {
            value = _find(response, url, state);
        }
        catch (JsonException)
        {
            throw new IterationFailedException($"{_at}: extract '{Name}' needs a JSON response, and the body of this one (status {response.Status}) is not JSON");
        }

        return value ?? throw new IterationFailedException($"{_at}: extract '{Name}' found no {_what} in the response (status {response.Status})");
    }

    private static Extractor FromJson(YamlFile file, YamlNode node, string text, string variable, string at)
    {
        var path = JsonPath.TryParse(text, out var parsed, out var error) ? parsed! : throw file.Error(node, error);
        return new Extractor(variable, at, path.Text, (response, _, _) =>
            path.TryFind(response.Json(), out var found) ? JsonPath.TextOf(found) : null);
    }

    private static Extractor FromRegex(YamlFile file, YamlNode node, string text, string variable, string at)
    {
        Regex regex;
        try
        {
            regex = new Regex(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            throw file.Error(node, $"'{text}' is not a regular expression: {exception.Message}");
        }

        var group = regex.GetGroupNumbers().Length > 1 ? 1 : 0;
        return new Extractor(variable, at, $"match for /{text}/", (response, _, _) =>
            regex.Match(response.BodyText) is { Success: true } match ? match.Groups[group].Value : null);
    }

    private static string? Cookie(IterationState state, string url, string name)
    {
        // The URL the request went to, resolved as VuHttp resolved it, so a cookie whose Path is
        // the base URL's path is found.
        var http = state.Vu.Http;
        return http.Cookies.GetCookies(http.ResolveUrl(url))[name]?.Value;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
