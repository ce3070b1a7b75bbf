namespace Surge.Outcome;

/// <summary>One row of the per-endpoint table: all requests with the same method and name tag.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Name">The name tag (the URL unless named).</param>
/// <param name="Requests">Requests made.</param>
/// <param name="Tps">Requests per second of the test's duration.</param>
/// <param name="AvgMs">Mean http_req_duration.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="Failed">Requests counted in http_req_failed.</param>
/// <remarks>
/// In an open-model run the latency columns count from when each iteration was due, so a request
/// after a slow one in the same iteration carries that wait; <see cref="ServiceP95Ms"/> is the
/// server's own time for this endpoint, which is what tells the slow endpoint apart.
/// </remarks>
internal sealed record EndpointRow(string Method, string Name, long Requests, double Tps, double AvgMs, double P95Ms, double P99Ms, long Failed)
{
    /// <summary>95th percentile of http_req_service_time (open model); null when the endpoint ran only in closed-model scenarios.</summary>
    public double? ServiceP95Ms { get; init; }
}
