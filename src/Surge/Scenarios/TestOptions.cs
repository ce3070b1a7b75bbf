using Surge.Execution;
using Surge.Execution.Executors;

namespace Surge.Scenarios;

/// <summary>
/// A test's options, in k6's shape: VUs and duration (or scenarios), thresholds and goals, the base
/// URL and default headers. Flags on the command line override them, as in k6.
/// </summary>
/// <example><code>
/// public override TestOptions Options => new()
/// {
///     Vus = 10,
///     Duration = TimeSpan.FromSeconds(30),
///     Thresholds = { ["http_req_duration"] = ["p(95)&lt;500"], ["checks"] = ["rate&gt;0.99"] },
///     Goals = { "tps&gt;=100" },
/// };
/// </code></example>
public sealed class TestOptions
{
    /// <summary>VUs of the default scenario (k6's <c>vus</c>), used when <see cref="Scenarios"/> is empty. Default 1.</summary>
    public int? Vus { get; set; }

    /// <summary>Duration of the default scenario (k6's <c>duration</c>), used when <see cref="Scenarios"/> is empty.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Iterations shared by the default scenario's VUs (k6's <c>iterations</c>: a shared-iterations scenario; Duration is then its maxDuration).</summary>
    public long? Iterations { get; set; }

    /// <summary>Stages of the default scenario (k6's <c>stages</c>: a ramping-vus scenario starting at <see cref="Vus"/>).</summary>
    public List<Stage>? Stages { get; set; }

    /// <summary>Graceful stop of the default scenario (30 s when not set).</summary>
    public TimeSpan? GracefulStop { get; set; }

    /// <summary>
    /// Named scenarios run side by side, each with its executor and options, e.g.
    /// <c>["browse"] = new ConstantVusOptions { Vus = 10, Duration = TimeSpan.FromMinutes(1), Exec = nameof(Browse) }</c>.
    /// </summary>
    public Dictionary<string, ExecutorOptions> Scenarios { get; } = new(StringComparer.Ordinal);

    /// <summary>k6 thresholds by metric (or sub-metric) name, e.g. <c>["http_req_duration{name:login}"] = ["p(95)&lt;500"]</c>.</summary>
    public Dictionary<string, string[]> Thresholds { get; } = new(StringComparer.Ordinal);

    /// <summary>Goals in Surge's shorthand: <c>tps&gt;=2000</c>, <c>avg&lt;800ms</c>, <c>p95&lt;1s</c>, <c>errors&lt;1%</c>.</summary>
    public List<string> Goals { get; } = [];

    /// <summary>The URL relative request URLs are resolved against. Without one, Surge starts its demo target and uses that.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Headers every request sends unless it sets its own.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>User-Agent</c> header of requests that do not set their own (k6's <c>userAgent</c>):
    /// <c>surge/VERSION</c> when not set; an empty string sends no <c>User-Agent</c> header.
    /// </summary>
    public string? UserAgent { get; set; }

    /// <summary>Tags added to every sample of the test.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Per-request timeout (60 s when not set).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Accept any TLS certificate (k6's <c>insecureSkipTLSVerify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; set; }

    /// <summary>
    /// Read response bodies without keeping them (k6's <c>discardResponseBodies</c>): less memory and CPU
    /// when the script does not look at them. The bytes still count in <c>data_received</c>;
    /// <see cref="Http.HttpResponse.Body"/> is empty.
    /// </summary>
    public bool DiscardResponseBodies { get; set; }

    /// <summary>
    /// The largest response body a request keeps, in bytes (64 MiB when not set). A larger body fails
    /// its request with status 0 and error <see cref="Http.HttpErrorKind.BodyTooLarge"/> (tag
    /// <c>error:body_too_large</c>) as soon as it passes the limit, and its connection is closed; the VU
    /// goes on. Discarded bodies (<see cref="DiscardResponseBodies"/>) are not limited.
    /// </summary>
    /// <example><code>MaxResponseBodyBytes = 256L * 1024 * 1024, // 256 MiB</code></example>
    public long? MaxResponseBodyBytes { get; set; }
}
