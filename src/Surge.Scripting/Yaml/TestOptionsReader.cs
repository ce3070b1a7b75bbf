using Surge.Configuration;
using Surge.Scenarios;
using Surge.Thresholds;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>Reads the top-level options of a YAML file into <see cref="TestOptions"/>.</summary>
/// <example><code>
/// baseUrl: http://127.0.0.1:8080   # without it, Surge starts its demo target
/// headers: { Accept: application/json }
/// vus: 10                          # the default scenario (top-level requests, no scenarios)
/// duration: 30s                   # or iterations: 100 (shared-iterations), or stages: [{ duration: 30s, target: 100 }] (ramping-vus)
/// gracefulStop: 30s
/// timeout: 10s                     # per request (default 60s)
/// insecure: false                  # accept any TLS certificate
/// userAgent: shop-probe/1.0        # the User-Agent of requests without one (default surge/VERSION; "" sends none)
/// discardResponseBodies: false     # true: read bodies off the wire without keeping them
/// maxResponseBodyBytes: 64MiB      # a larger kept body fails its request (error:body_too_large)
/// tags: { team: shop }
/// thresholds:                      # k6's shape: metric or sub-metric -> expressions
///   http_req_duration: ["p(95)&lt;500"]
///   checks: ["rate&gt;0.99"]
///   http_req_failed: [{ threshold: "rate&lt;0.01", abortOnFail: true, delayAbortEval: 10s }]
/// goals: ["tps&gt;=100", "avg&lt;800ms"]
/// </code></example>
internal static class TestOptionsReader
{
    private static readonly string[] ThresholdKeys = ["threshold", "abortOnFail", "delayAbortEval"];

    /// <summary>Reads the options; thresholds and goals are checked here so their errors have a line.</summary>
    /// <exception cref="ConfigException">An option is malformed.</exception>
    public static TestOptions Read(YamlFile file, YamlMap root)
    {
        var options = new TestOptions
        {
            BaseUrl = BaseUrl(file, root),
            Vus = root.WholeNumber("vus", minimum: 1),
            Duration = root.Duration("duration"),
            Iterations = root.WholeNumber("iterations", minimum: 1),
            Stages = root.Stages("stages") is { } stages ? [.. stages] : null,
            GracefulStop = root.Duration("gracefulStop"),
            Timeout = root.Duration("timeout"),
            InsecureSkipTlsVerify = root.Boolean("insecure") ?? false,
            UserAgent = root.Text("userAgent"),
            DiscardResponseBodies = root.Boolean("discardResponseBodies") ?? false,
            MaxResponseBodyBytes = root.Size("maxResponseBodyBytes"),
        };
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw file.Error(root.Get("timeout")!, "'timeout' must be longer than 0s");
        }

        if (options.MaxResponseBodyBytes <= 0)
        {
            throw file.Error(root.Get("maxResponseBodyBytes")!, "'maxResponseBodyBytes' must be at least 1 byte, e.g. 64MiB");
        }

        Copy(root.Texts("headers"), options.Headers);
        Copy(root.Texts("tags"), options.Tags);
        if (root.Map("thresholds", null) is { } thresholds)
        {
            foreach (var (metric, expressions) in thresholds.Entries)
            {
                options.Thresholds[metric.Value!] = [.. YamlFile.OneOrMany(expressions).Select(e => Threshold(file, metric.Value!, e))];
            }
        }

        if (root.Get("goals") is { } goals)
        {
            foreach (var goal in YamlFile.OneOrMany(goals))
            {
                var text = file.Text(goal, "a goal");
                Check(file, goal, () => GoalParser.Parse(text));
                options.Goals.Add(text);
            }
        }

        return options;
    }

    private static string? BaseUrl(YamlFile file, YamlMap root)
    {
        var text = root.Text("baseUrl");
        return text is null || (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            ? text
            : throw file.Error(root.Get("baseUrl")!, $"'baseUrl' must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8080, not '{text}'");
    }

    // k6 writes a threshold as a text or as { threshold, abortOnFail, delayAbortEval }; the second
    // becomes the CLI's "expression;abortOnFail;delayAbortEval=10s", which PlanBuilder parses.
    private static string Threshold(YamlFile file, string metric, YamlNode node)
    {
        string spec;
        if (node is YamlMappingNode)
        {
            var map = file.Map(node, "a threshold", ThresholdKeys);
            spec = file.Text(map.Required("threshold", "a threshold needs 'threshold', e.g. threshold: \"p(95)<500\""), "'threshold'");
            if (map.Boolean("abortOnFail") == true)
            {
                spec += ";abortOnFail";
            }

            if (map.Duration("delayAbortEval") is { } delay)
            {
                spec += $";delayAbortEval={Durations.Format(delay)}";
            }
        }
        else
        {
            spec = file.Text(node, "a threshold");
        }

        Check(file, node, () => ThresholdParser.ParseSpec($"{metric}:{spec}"));
        return spec;
    }

    private static void Check(YamlFile file, YamlNode node, Func<ThresholdDefinition> parse)
    {
        try
        {
            parse();
        }
        catch (ConfigException exception)
        {
            throw file.Error(node, exception.Message);
        }
    }

    private static void Copy(Dictionary<string, string> from, Dictionary<string, string> to)
    {
        foreach (var (name, value) in from)
        {
            to[name] = value;
        }
    }
}
