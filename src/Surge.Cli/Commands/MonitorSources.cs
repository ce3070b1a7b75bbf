using Surge.Configuration;
using Surge.Monitoring;
using Surge.Monitoring.Agent;
using Surge.Monitoring.Cgroups;
using Surge.Monitoring.Proc;
using Surge.Monitoring.Prometheus;

namespace Surge.Cli.Commands;

/// <summary>
/// <c>--monitor [LABEL=]SOURCE</c>: <c>local</c>, <c>process:NAME</c>, <c>pid:N</c>, <c>cgroup:PATH</c>,
/// <c>agent://HOST:PORT[?token=T]</c>, <c>prom://HOST:PORT/metrics</c>.
/// </summary>
internal static class MonitorSources
{
    public const string Help =
        "What to watch every second, [LABEL=]SOURCE: local, process:NAME, pid:N, cgroup:PATH (a container's or service's cgroup: CPU of its quota, memory of its limit), agent://HOST:PORT (a surge agent), prom://HOST:9100/metrics (node_exporter). Repeatable.";

    /// <summary>Makes the monitors; every problem with the specs is reported at once.</summary>
    /// <exception cref="ConfigException">A spec is malformed.</exception>
    public static IReadOnlyList<IMonitor> Create(IReadOnlyList<string> specs, string? token)
    {
        var monitors = new List<IMonitor>();
        var errors = new List<string>();
        foreach (var spec in specs)
        {
            var (label, source) = Split(spec);
            if (TryCreate(label ?? "", source, token, out var monitor, out var error))
            {
                monitors.Add(monitor!);
            }
            else
            {
                errors.Add($"--monitor '{source}': {error}; sources are local, process:NAME, pid:N, cgroup:PATH, agent://HOST:PORT, prom://HOST:PORT/metrics");
            }
        }

        foreach (var duplicate in monitors.GroupBy(m => m.Label).Where(g => g.Count() > 1))
        {
            errors.Add($"two monitors are labelled '{duplicate.Key}'; name them, e.g. --monitor db=process:postgres");
        }

        if (errors.Count == 0)
        {
            return monitors;
        }

        monitors.ForEach(m => m.Dispose());
        throw new ConfigException(string.Join("; ", errors));
    }

    private static (string? Label, string Source) Split(string spec)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        return equals > 0 && (colon < 0 || equals < colon) ? (spec[..equals], spec[(equals + 1)..]) : (null, spec);
    }

    private static bool TryCreate(string label, string source, string? token, out IMonitor? monitor, out string? error)
    {
        if (source.StartsWith("agent://", StringComparison.Ordinal))
        {
            monitor = Agent(label, source, token, out error);
            return monitor is not null;
        }

        return source.StartsWith("prom://", StringComparison.Ordinal) ? PrometheusMonitors.TryCreate(source, label, out monitor, out error)
            : CgroupMonitors.Handles(source) ? CgroupMonitors.TryCreate(source, label, out monitor, out error)
            : ProcMonitors.TryCreate(source, label, out monitor, out error);
    }

    private static AgentMonitor? Agent(string label, string source, string? token, out string? error)
    {
        error = null;
        if (!Uri.TryCreate("http://" + source["agent://".Length..], UriKind.Absolute, out var url) || (url.IsDefaultPort && !source.Contains(":80", StringComparison.Ordinal)))
        {
            error = "needs the form agent://HOST:PORT, e.g. agent://10.0.0.5:9661";
            return null;
        }

        var inUrl = System.Web.HttpUtility.ParseQueryString(url.Query)["token"];
        var key = inUrl ?? token;
        if (string.IsNullOrEmpty(key))
        {
            error = "a surge agent needs its token: --monitor-token TOKEN, or agent://HOST:PORT?token=TOKEN";
            return null;
        }

        return new AgentMonitor(new Uri($"http://{url.Host}:{url.Port}/"), key, label.Length == 0 ? null : label);
    }
}
