using Surge.Http;

namespace Surge.Scripting.Yaml;

/// <summary>
/// One step of a YAML flow, ready to run: renders its templates, sends the request, records its
/// checks, stores its extracted values for the next steps, then thinks.
/// </summary>
internal sealed class RequestStep
{
    /// <summary>The HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>The URL, absolute or relative to the base URL.</summary>
    public required Template Url { get; init; }

    /// <summary>The <c>name</c> tag: the step's <c>name:</c>, or the URL as written.</summary>
    public required string Name { get; init; }

    /// <summary>Request headers over the test's default headers.</summary>
    public IReadOnlyList<KeyValuePair<string, Template>> Headers { get; init; } = [];

    /// <summary>Query parameters appended to the URL.</summary>
    public IReadOnlyList<KeyValuePair<string, Template>> Query { get; init; } = [];

    /// <summary>Makes the body for an iteration; null for none.</summary>
    public Func<IterationState, HttpBody>? Body { get; init; }

    /// <summary>The request's own timeout, over the test's.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Statuses that count as success in <c>http_req_failed</c>; 200–399 when null.</summary>
    public IReadOnlyCollection<int>? Expect { get; init; }

    /// <summary>Extra tags for the request's samples.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Checks of the response, recorded in the <c>checks</c> metric.</summary>
    public IReadOnlyList<ResponseCheck> Checks { get; init; } = [];

    /// <summary>Values taken from the response, after the checks.</summary>
    public IReadOnlyList<Extractor> Extractors { get; init; } = [];

    /// <summary>The pause after the request, if any.</summary>
    public ThinkTime? Think { get; init; }

    /// <summary>Runs the step in an iteration.</summary>
    public async ValueTask RunAsync(IterationState state)
    {
        var vu = state.Vu;
        var options = new RequestParams { Name = Name, Timeout = Timeout, ExpectedStatuses = Expect };
        foreach (var (name, value) in Headers)
        {
            options.Headers[name] = value.Render(state);
        }

        foreach (var (name, value) in Query)
        {
            options.Query[name] = value.Render(state);
        }

        foreach (var (name, value) in Tags)
        {
            options.Tags[name] = value;
        }

        var url = Url.Render(state);
        var response = await vu.Http.SendAsync(Method, url, Body?.Invoke(state), options);
        foreach (var check in Checks)
        {
            vu.Check(check.Name, check.Passes(response, state));
        }

        foreach (var extractor in Extractors)
        {
            state.Extract(extractor.Name, extractor.Extract(response, url, state));
        }

        if (Think is { } think)
        {
            await think.SleepAsync(vu);
        }
    }
}
