
namespace Surge.Cli.Commands;

/// <summary>Where a run's results go: the results file, the summary export, the console's trend stats and quietness.</summary>
internal sealed record RunOutputs(string? ResultsPath, string? SummaryExport, IReadOnlyList<string> TrendStats, bool Quiet)
{
    /// <summary>Fails early, before any load, when an output file cannot be written.</summary>
    public void EnsureWritable() => Options.EnsureWritable(SummaryExport, "--summary-export");
}
