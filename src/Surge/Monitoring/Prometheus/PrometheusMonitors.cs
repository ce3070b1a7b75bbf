using System.Diagnostics.CodeAnalysis;

namespace Surge.Monitoring.Prometheus;

/// <summary>Makes node_exporter monitors from <c>--monitor</c> sources such as <c>prom://10.0.0.5:9100/metrics</c>.</summary>
internal static class PrometheusMonitors
{
    /// <summary>The scheme of a node_exporter source.</summary>
    public const string Scheme = "prom";

    private const int DefaultPort = 9100;
    private const string Example = "prom://10.0.0.5:9100/metrics";

    /// <summary>
    /// Makes a monitor for a <c>prom://HOST[:PORT][/PATH]</c> source, scraped over plain HTTP; the port
    /// defaults to 9100 and the path to <c>/metrics</c>, as node_exporter serves them.
    /// </summary>
    /// <param name="source">The source, e.g. <c>prom://10.0.0.5:9100/metrics</c>.</param>
    /// <param name="label">The label its samples carry, e.g. <c>db</c>; null or empty for the exporter's <c>HOST:PORT</c>.</param>
    /// <param name="monitor">The monitor, when the source is a valid <c>prom://</c> address.</param>
    /// <param name="error">
    /// Why a <c>prom://</c> source is malformed, in one line; null when it was made, and null when the
    /// source is not a <c>prom://</c> source at all, so another factory may take it.
    /// </param>
    /// <returns>Whether the monitor was made.</returns>
    public static bool TryCreate(string source, string? label, [NotNullWhen(true)] out IMonitor? monitor, out string? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        monitor = null;
        error = null;
        if (!source.StartsWith(Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Port == 0)
        {
            error = $"not a node_exporter address; write prom://HOST:PORT/PATH, e.g. {Example}";
            return false;
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"prom:// takes no credentials and no #fragment; write prom://HOST:PORT/PATH, e.g. {Example}";
            return false;
        }

        var metricsUrl = new UriBuilder(Uri.UriSchemeHttp, uri.Host, uri.IsDefaultPort ? DefaultPort : uri.Port)
        {
            Path = uri.AbsolutePath is "" or "/" ? "/metrics" : uri.AbsolutePath,
            Query = uri.Query,
        }.Uri;
        monitor = new PrometheusMonitor(metricsUrl, string.IsNullOrWhiteSpace(label) ? $"{metricsUrl.Host}:{metricsUrl.Port}" : label);
        return true;
    }
}
