namespace Surge.Plan;

/// <summary>Every default of a test plan, in one place: k6's where k6 has one.</summary>
internal static class PlanDefaults
{
    /// <summary>How long iterations in flight get to finish when a scenario ends (k6's <c>gracefulStop</c>).</summary>
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(30);

    /// <summary>How long VUs that ramp down get to finish their iteration (k6's <c>gracefulRampDown</c>).</summary>
    public static readonly TimeSpan GracefulRampDown = TimeSpan.FromSeconds(30);

    /// <summary>The longest an iterations-based scenario may run (k6's <c>maxDuration</c>).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    /// <summary>How long a request may take before it fails as a timeout (k6's 60 s).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The largest response body a request keeps (Surge's own choice; k6 has no limit): room for any API
    /// answer, and a bound on what one VU can hold, so a server sending endless bodies fails requests
    /// instead of the generator.
    /// </summary>
    public const long MaxResponseBodyBytes = 64L * 1024 * 1024;

    /// <summary>How long Teardown may take (k6's <c>teardownTimeout</c>).</summary>
    public static readonly TimeSpan TeardownTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long <c>surge run --url</c> (or the demo target) runs when no flag says (Surge's own choice: a short real test).</summary>
    public static readonly TimeSpan UrlDuration = TimeSpan.FromSeconds(10);

    /// <summary>The period an arrival rate counts in (k6's <c>timeUnit</c>).</summary>
    public static readonly TimeSpan TimeUnit = TimeSpan.FromSeconds(1);
}
