using System.Text.RegularExpressions;
using Surge.Configuration;
using Surge.Http;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>Reads one request of a flow (an item of <c>requests:</c>).</summary>
/// <example><code>
/// - name: login                 # the name tag; default: the URL as written, so /items/{{id}} groups all ids
///   method: POST                # default GET
///   url: /login                 # required; absolute, or relative to baseUrl; templates allowed
///   headers: { X-Trace: "{{vu}}" }
///   query: { q: chicken }       # appended to the URL, escaped
///   json: { username: "{{users.username}}", password: secret }   # or form: { a: b }, or body: "text"
///   contentType: text/plain     # overrides the body's content type
///   timeout: 5s                 # over the test's timeout
///   expect: [200, 201]          # statuses that count as success in http_req_failed (default 200-399)
///   tags: { kind: auth }
///   checks: [ ... ]             # see CheckReader
///   extract: { ... }            # see Extractor
///   think: 1s                   # or 1s-3s: a pause after the request
/// </code></example>
internal static partial class StepReader
{
    private static readonly string[] BodyKinds = ["json", "form", "body"];
    private static readonly string[] Keys =
        ["name", "method", "url", "headers", "query", .. BodyKinds, "contentType", "timeout", "expect", "tags", "checks", "extract", "think"];

    /// <summary>Reads a step, then lets the steps after it use the names it extracts.</summary>
    /// <exception cref="ConfigException">The step is malformed.</exception>
    public static RequestStep Read(YamlFile file, YamlNode node, TemplateScope scope)
    {
        var map = file.Map(node, "a request", Keys);
        var urlNode = map.Required("url", "a request needs a 'url', e.g. url: /items");
        var url = scope.Parse(urlNode, "'url'");
        if (string.IsNullOrWhiteSpace(url.Text))
        {
            throw file.Error(urlNode, "'url' is empty; write a path such as /items or a whole URL");
        }

        var method = (map.Text("method") ?? "GET").ToUpperInvariant();
        if (!MethodPattern().IsMatch(method))
        {
            throw file.Error(map.Get("method")!, $"'method' must be an HTTP method such as GET or POST, not '{method}'");
        }

        var timeout = map.Duration("timeout");
        if (timeout <= TimeSpan.Zero)
        {
            throw file.Error(map.Get("timeout")!, "'timeout' must be longer than 0s");
        }

        var step = new RequestStep
        {
            Method = method,
            Url = url,
            Name = map.Text("name") ?? url.Text,
            Headers = Templates(file, map, "headers", scope),
            Query = Templates(file, map, "query", scope),
            Body = Body(file, map, scope),
            Timeout = timeout,
            Expect = map.Get("expect") is { } expect ? [.. YamlFile.OneOrMany(expect).Select(n => file.Status(n, "'expect'"))] : null,
            Tags = map.Texts("tags"),
            Checks = map.Get("checks") is { } checks ? [.. file.List(checks, "'checks'").Select(n => CheckReader.Read(file, n, scope))] : [],
            Extractors = map.Map("extract", null) is { } extract ? [.. extract.Entries.Select(e => Extractor.Read(file, e.Key, e.Value))] : [],
            Think = map.Get("think") is { } think ? Think(file, think) : null,
        };
        foreach (var extractor in step.Extractors)
        {
            scope.Extracted(extractor.Name);
        }

        return step;
    }

    private static KeyValuePair<string, Template>[] Templates(YamlFile file, YamlMap map, string key, TemplateScope scope) =>
        map.Map(key, null) is { } entries
            ? [.. entries.Entries.Select(e => new KeyValuePair<string, Template>(
                e.Key.Value!,
                YamlFile.IsNull(e.Value) ? Template.Constant("", "") : scope.Parse(e.Value, $"'{key}.{e.Key.Value}'")))]
            : [];

    private static Func<IterationState, HttpBody>? Body(YamlFile file, YamlMap map, TemplateScope scope)
    {
        var kinds = BodyKinds.Where(map.Has).ToList();
        var contentType = map.Text("contentType");
        if (kinds.Count > 1)
        {
            throw file.Error(map.Get(kinds[1])!, $"a request has one body, and this one has {string.Join(" and ", kinds)}; keep one");
        }

        if (kinds.Count == 0)
        {
            return contentType is null ? null : throw file.Error(map.Get("contentType")!, "'contentType' needs a body: add body:, json: or form:");
        }

        switch (kinds[0])
        {
            case "json":
                var json = JsonTemplate.Read(file, map.Get("json")!, scope);
                var jsonType = contentType ?? "application/json";
                return state => HttpBody.Bytes(json.Render(state), jsonType);
            case "form":
                var fields = Templates(file, map, "form", scope);
                return state =>
                {
                    var form = HttpBody.Form(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.Render(state))));
                    return contentType is null ? form : HttpBody.Bytes(form.Content, contentType);
                };
            default:
                var text = scope.Parse(map.Get("body")!, "'body'");
                var textType = contentType ?? "text/plain; charset=utf-8";
                return state => HttpBody.Text(text.Render(state), textType);
        }
    }

    private static ThinkTime Think(YamlFile file, YamlNode node) =>
        ThinkTime.TryParse(file.Text(node, "'think'"), out var think, out var error)
            ? think
            : throw file.Error(node, $"'think' must be a duration like 1s or a range like 1s-3s: {error}");

    [GeneratedRegex("^[A-Z]+$")]
    private static partial Regex MethodPattern();
}
