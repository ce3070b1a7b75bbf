using System.Text.RegularExpressions;
using Surge.Configuration;
using Surge.Http;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// Reads one entry of a step's <c>checks:</c>. Each check tests one thing and may have a <c>name:</c>;
/// the default names are shown on the right.
/// </summary>
/// <example><code>
/// checks:
///   - status: 200                 # or [200, 201]        "status is 200" / "status is 200 or 201"
///   - bodyContains: token         #                      "body contains token"
///   - jsonPath: $.user            # with equals:, contains: or exists: true|false
///     equals: alice               # compared as text     "$.user equals alice"
///   - jsonPath: $.token
///     exists: true                #                      "$.token exists"
///   - header: Content-Type        # with equals:, contains: or exists:
///     contains: json              # case-sensitive        "header Content-Type contains json"
///   - duration: "&lt;500ms"          # &lt;, &lt;=, &gt;, &gt;=           "duration &lt; 500ms"
/// </code></example>
/// <remarks>
/// <c>equals</c>, <c>contains</c> and <c>bodyContains</c> may use templates. A JSON string is
/// compared without its quotes; numbers, booleans and null by their JSON text (<c>17</c>, <c>true</c>).
/// </remarks>
internal static partial class CheckReader
{
    private static readonly string[] Kinds = ["status", "bodyContains", "jsonPath", "header", "duration"];
    private static readonly string[] Comparisons = ["equals", "contains", "exists"];
    private static readonly string[] Keys = ["name", .. Kinds, .. Comparisons];

    /// <summary>Reads a check.</summary>
    /// <exception cref="ConfigException">The check is malformed.</exception>
    public static ResponseCheck Read(YamlFile file, YamlNode node, TemplateScope scope)
    {
        var map = file.Map(node, "a check", Keys);
        var kinds = Kinds.Where(map.Has).ToList();
        if (kinds.Count != 1)
        {
            throw file.Error(node, kinds.Count == 0
                ? "a check needs one of status, bodyContains, jsonPath, header or duration, e.g. - status: 200"
                : $"a check tests one thing; this one has {string.Join(" and ", kinds)}: make them separate checks");
        }

        var kind = kinds[0];
        var value = map.Get(kind)!;
        if (kind is not ("jsonPath" or "header") && Comparisons.FirstOrDefault(map.Has) is { } stray)
        {
            throw file.Error(map.Get(stray)!, $"'{stray}' goes with jsonPath or header, not with {kind}");
        }

        var (name, test) = kind switch
        {
            "status" => Status(file, value),
            "bodyContains" => BodyContains(scope.Parse(value, "'bodyContains'")),
            "jsonPath" => JsonPathCheck(file, map, value, scope),
            "header" => Header(file, map, value, scope),
            _ => Duration(file, value),
        };
        return new ResponseCheck(map.Text("name") ?? name, test) { ReadsBody = kind is "bodyContains" or "jsonPath" };
    }

    private static (string, Func<HttpResponse, IterationState, bool>) Status(YamlFile file, YamlNode value)
    {
        var statuses = YamlFile.OneOrMany(value).Select(n => file.Status(n, "'status'")).ToArray();
        return ($"status is {string.Join(" or ", statuses)}", (response, _) => statuses.Contains(response.Status));
    }

    private static (string, Func<HttpResponse, IterationState, bool>) BodyContains(Template text) =>
        ($"body contains {text.Text}", (response, state) => response.BodyText.Contains(text.Render(state), StringComparison.Ordinal));

    private static (string, Func<HttpResponse, IterationState, bool>) JsonPathCheck(YamlFile file, YamlMap map, YamlNode value, TemplateScope scope)
    {
        var text = file.Text(value, "'jsonPath'");
        var path = JsonPath.TryParse(text, out var parsed, out var error) ? parsed! : throw file.Error(value, error);
        var (words, test) = Comparison(file, map, scope, "jsonPath");
        return ($"{path.Text} {words}", (response, state) =>
            test(path.TryFind(response.Json(), out var found) ? JsonPath.TextOf(found) : null, state));
    }

    private static (string, Func<HttpResponse, IterationState, bool>) Header(YamlFile file, YamlMap map, YamlNode value, TemplateScope scope)
    {
        var header = file.Text(value, "'header'");
        var (words, test) = Comparison(file, map, scope, "header");
        return ($"header {header} {words}", (response, state) => test(response.Header(header), state));
    }

    private static (string, Func<HttpResponse, IterationState, bool>) Duration(YamlFile file, YamlNode value)
    {
        var text = file.Text(value, "'duration'");
        var match = DurationPattern().Match(text);
        if (!match.Success || !Durations.TryParse(match.Groups["limit"].Value, out var limit, out _))
        {
            throw file.Error(value, $"'duration' must be a comparison with a duration, e.g. \"<500ms\" or \"<=1s\", not '{text}'");
        }

        var op = match.Groups["op"].Value;
        Func<TimeSpan, bool> test = op switch
        {
            "<" => d => d < limit,
            "<=" => d => d <= limit,
            ">" => d => d > limit,
            _ => d => d >= limit,
        };
        return ($"duration {op} {match.Groups["limit"].Value}", (response, _) => test(response.Duration));
    }

    private static (string Words, Func<string?, IterationState, bool> Test) Comparison(YamlFile file, YamlMap map, TemplateScope scope, string kind)
    {
        var present = Comparisons.Where(map.Has).ToList();
        if (present.Count != 1)
        {
            throw file.Error(map.Node, $"a {kind} check needs one of equals, contains or exists{(present.Count > 1 ? $", not {string.Join(" and ", present)}" : "")}, e.g. exists: true");
        }

        switch (present[0])
        {
            case "equals":
                var expected = scope.Parse(map.Get("equals")!, "'equals'");
                return ($"equals {expected.Text}", (actual, state) => actual is not null && string.Equals(actual, expected.Render(state), StringComparison.Ordinal));
            case "contains":
                var part = scope.Parse(map.Get("contains")!, "'contains'");
                return ($"contains {part.Text}", (actual, state) => actual is not null && actual.Contains(part.Render(state), StringComparison.Ordinal));
            default:
                var exists = map.Boolean("exists")!.Value;
                return (exists ? "exists" : "does not exist", (actual, _) => (actual is not null) == exists);
        }
    }

    [GeneratedRegex(@"^\s*(?<op><=|>=|<|>)\s*(?<limit>\S+)\s*$")]
    private static partial Regex DurationPattern();
}
