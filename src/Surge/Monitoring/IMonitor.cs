namespace Surge.Monitoring;

/// <summary>
/// A source of resource samples: this host, processes on it, a remote <c>surge agent</c>, a
/// Prometheus node_exporter. The runner asks each monitor for a sample once a second, aligned with
/// the load intervals.
/// </summary>
internal interface IMonitor : IDisposable
{
    /// <summary>The label its samples carry, e.g. <c>local</c> or <c>db</c>.</summary>
    string Label { get; }

    /// <summary>What it watches, for the banner, e.g. <c>process:postgres</c>.</summary>
    string Source { get; }

    /// <summary>
    /// Takes this second's samples. Rates (CPU %, bytes per second) are over the time since the
    /// previous call, so the first call may return samples with those fields null.
    /// </summary>
    /// <exception cref="MonitorException">The source cannot be read now (agent down, wrong token, process not found yet); the message says why in one line.</exception>
    Task<IReadOnlyList<ResourceSample>> SampleAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Problems with parts of the source that did not keep it from answering, as of the last
    /// <see cref="SampleAsync"/>: target label to one-line message (a process a remote agent watches is
    /// not running). Empty for sources that either answer whole or fail whole.
    /// </summary>
    IReadOnlyDictionary<string, string> PartProblems => System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
}
