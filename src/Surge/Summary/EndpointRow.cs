namespace Surge.Summary;

/// <summary>One row of the per-endpoint table: all requests with the same method and name tag.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Name">The name tag (the URL unless named).</param>
/// <param name="Requests">Requests made.</param>
/// <param name="Tps">Requests per second of the test's duration.</param>
/// <param name="AvgMs">Mean http_req_duration.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="Failed">Requests counted in http_req_failed.</param>
public sealed record EndpointRow(string Method, string Name, long Requests, double Tps, double AvgMs, double P95Ms, double P99Ms, long Failed);
