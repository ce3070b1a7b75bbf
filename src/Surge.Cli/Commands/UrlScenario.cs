using System.Text;
using Surge.Configuration;
using Surge.Execution;
using Surge.Http;
using Surge.Plan;
using Surge.Scenarios;
using Surge.Scripting;

namespace Surge.Cli.Commands;

/// <summary>
/// <c>surge run --url</c> and the demo target as a scenario like a file's: one request (or the demo
/// journey) per iteration, for 10 s unless the flags say otherwise; the plan is built the one way.
/// </summary>
internal static class UrlScenario
{
    /// <summary>The scenario of one request to the URL the flags describe.</summary>
    /// <exception cref="ConfigException">The URL or a request flag is wrong.</exception>
    public static LoadedScript ForUrl(RunSettings settings)
    {
        var request = Request(settings);
        var target = $"{request.Method} {request.Url}";
        return Scenario(target, new SingleRequest(request).RunAsync);
    }

    /// <summary>The scenario that walks the demo target at <paramref name="demoUrl"/> (request flags were refused before it started).</summary>
    public static LoadedScript ForDemo(Uri demoUrl) =>
        Scenario($"{demoUrl} (built-in demo target: {string.Join(", ", DemoJourney.Paths)})", DemoJourney.Create(demoUrl));

    /// <summary>Fails when request flags are given without a URL (the demo journey would silently ignore them).</summary>
    public static void EnsureNoRequestFlags(RunSettings settings)
    {
        var requestFlags = new (bool Given, string Flag)[]
        {
            (settings.Method != "GET", "-X/--method"), (settings.Headers.Count > 0, "-H/--header"),
            (settings.Body is not null, "--body"), (settings.BodyFile is not null, "--body-file"), (settings.Overrides.UserAgent is not null, "--user-agent"),
        };
        if (requestFlags.Where(f => f.Given).Select(f => f.Flag).ToList() is [_, ..] given)
        {
            throw new ConfigException($"{string.Join(", ", given)} shape the request sent to --url; the demo target's journey sends its own requests. Give --url, or leave them out");
        }
    }

    private static LoadedScript Scenario(string target, IterationFunc iteration) => new()
    {
        Path = target,
        Target = target,
        Options = new TestOptions { DiscardResponseBodies = true },
        DefaultDuration = PlanDefaults.UrlDuration,
        DiscardResponseHeaders = true,
        ResolveExec = name => name is null ? iteration : throw new ScriptException($"a URL run has no function '{name}'"),
    };

    private static HttpRequest Request(RunSettings settings)
    {
        if (Path.GetExtension(settings.Target) is ".js" or ".ts")
        {
            throw new ConfigException($"'{settings.Target}' is a JavaScript file; surge runs C# (.cs) and YAML (.yaml) scenarios; 'surge new script.cs' writes a starter");
        }

        if (!Uri.TryCreate(settings.Target, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigException($"--url '{settings.Target}' is not an absolute http:// or https:// URL, e.g. http://127.0.0.1:8080/path");
        }

        if (!HttpToken.IsToken(settings.Method))
        {
            throw new ConfigException($"-X/--method '{settings.Method}' is not an HTTP method; write {HttpToken.Rule}, e.g. -X POST");
        }

        if (settings.Body is not null && settings.BodyFile is not null)
        {
            throw new ConfigException("give either --body or --body-file, not both");
        }

        var body = settings.BodyFile is null
            ? Encoding.UTF8.GetBytes(settings.Body ?? "")
            : File.Exists(settings.BodyFile)
                ? File.ReadAllBytes(settings.BodyFile)
                : throw new ConfigException($"--body-file '{settings.BodyFile}' does not exist");
        var headers = settings.Headers.Select(Header).ToList();
        try
        {
            return new HttpRequest(settings.Method, url, headers, body); // the plan's User-Agent is given when it is sent
        }
        catch (ArgumentException exception)
        {
            throw new ConfigException(exception.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static KeyValuePair<string, string> Header(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            ? new(text[..colon].Trim(), text[(colon + 1)..].Trim())
            : throw new ConfigException($"header '{text}' needs the form \"Name: value\"");
    }
}
