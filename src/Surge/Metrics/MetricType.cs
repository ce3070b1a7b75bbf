namespace Surge.Metrics;

/// <summary>The four kinds of metric, with k6's names and meanings.</summary>
public enum MetricType
{
    /// <summary>A sum that only grows (<c>http_reqs</c>, <c>data_sent</c>).</summary>
    Counter,

    /// <summary>The latest value, with its minimum and maximum (<c>vus</c>).</summary>
    Gauge,

    /// <summary>The share of samples that were true (<c>http_req_failed</c>, <c>checks</c>).</summary>
    Rate,

    /// <summary>A distribution kept as an HDR histogram (<c>http_req_duration</c>).</summary>
    Trend,
}
