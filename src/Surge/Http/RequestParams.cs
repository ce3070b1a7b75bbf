namespace Surge.Http;

/// <summary>Per-request settings (k6's <c>params</c>): headers, query, name and tags, timeout, expected statuses.</summary>
/// <example><code>
/// await vu.Http.GetAsync($"/items/{id}", new() { Name = "/items/{id}", Query = { ["details"] = "true" } });
/// </code></example>
public sealed class RequestParams
{
    /// <summary>Headers for this request, over the test's default headers.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Query parameters appended to the URL, escaped.</summary>
    public Dictionary<string, string> Query { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The <c>name</c> tag: requests with the same name share one row in the summary, so
    /// <c>/items/17</c> and <c>/items/42</c> can both be counted as <c>/items/{id}</c>. The URL as written when null.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Extra tags for this request's samples, usable in threshold filters (a <c>name</c> tag works like <see cref="Name"/>).</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>How long to wait for the whole response; the test's timeout when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Statuses that count as success for <c>http_req_failed</c>; 200–399 when null.</summary>
    public IReadOnlyCollection<int>? ExpectedStatuses { get; init; }
}
