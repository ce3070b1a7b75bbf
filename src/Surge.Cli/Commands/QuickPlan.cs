using System.Text;
using Surge.Configuration;
using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Http;
using Surge.Thresholds;

namespace Surge.Cli.Commands;

/// <summary>Turns <c>surge run</c> flags into a plan: one constant-vus scenario sending one request per iteration.</summary>
internal static class QuickPlan
{
    /// <summary>Builds and checks the plan; with no URL, the iteration walks the demo target at <paramref name="demoUrl"/>.</summary>
    /// <exception cref="ConfigException">Something in the flags is wrong; all problems are in the message.</exception>
    public static TestPlan Build(RunSettings settings, Uri? demoUrl)
    {
        var thresholds = settings.Thresholds.Select(ThresholdParser.ParseSpec)
            .Concat(settings.Goals.Select(GoalParser.Parse))
            .ToList();
        var timeout = settings.Timeout ?? TimeSpan.FromSeconds(60);
        // Without executor flags: --vus VUs (1) for 10 s.
        var shortcut = settings.Shortcut;
        if (!shortcut.PicksExecutor)
        {
            shortcut = shortcut with { Duration = TimeSpan.FromSeconds(10) };
        }

        var executor = ExecutorShortcuts.Resolve(shortcut, out var note)!;
        var http = new HttpOptions
        {
            Timeout = timeout,
            InsecureSkipTlsVerify = settings.Insecure,
            DiscardResponseBodies = true,
            DiscardResponseHeaders = true,
        };
        if (timeout <= TimeSpan.Zero)
        {
            throw new ConfigException("--timeout must be longer than 0s");
        }

        Scenario scenario;
        string target;
        if (settings.Target is null)
        {
            // The demo journey sends its own requests: request flags would be silently ignored.
            var requestFlags = new (bool Given, string Flag)[]
            {
                (settings.Method != "GET", "-X/--method"), (settings.Headers.Count > 0, "-H/--header"),
                (settings.Body is not null, "--body"), (settings.BodyFile is not null, "--body-file"),
            };
            if (requestFlags.Where(f => f.Given).Select(f => f.Flag).ToList() is [_, ..] given)
            {
                throw new ConfigException($"{string.Join(", ", given)} shape the request sent to --url; the demo target's journey sends its own requests. Give --url, or leave them out");
            }

            var baseUrl = demoUrl ?? new Uri("http://127.0.0.1/");
            scenario = new Scenario("default", executor, DemoJourney.Create(baseUrl));
            target = $"{baseUrl} (built-in demo target: {string.Join(", ", DemoJourney.Paths)})";
        }
        else
        {
            var request = Request(settings);
            scenario = new Scenario("default", executor, new SingleRequest(request).RunAsync);
            target = $"{request.Method} {request.Url}";
        }

        var plan = new TestPlan { Scenarios = [scenario], Thresholds = thresholds, Http = http, Target = target, Notes = note is null ? [] : [note] };
        var errors = plan.Validate();
        return errors.Count == 0 ? plan : throw new ConfigException(string.Join("; ", errors));
    }

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
            return new HttpRequest(settings.Method, url, headers, body);
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
