
namespace Surge.Cli.Commands;

/// <summary>Where a run's results go: the results file, the summary export, the console's trend stats and quietness.</summary>
internal sealed record RunOutputs(string? ResultsPath, string? SummaryExport, IReadOnlyList<string> TrendStats, bool Quiet)
{
    /// <summary>Where the run is recorded (<c>--history</c>, <c>--no-history</c>, <c>--tag</c>).</summary>
    public RunHistory History { get; init; } = RunHistory.None;

    /// <summary>The language of the summary's diagnosis (<c>--lang</c>, else the locale's).</summary>
    public Outcome.DiagnosisLanguage Language { get; init; } = Outcome.DiagnosisLanguage.English;

    /// <summary>The self-contained HTML report written at the end (<c>--report</c>).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The live dashboard (<c>--dashboard</c> and its options); null when not asked for.</summary>
    public DashboardOptions? Dashboard { get; init; }

    /// <summary>Fails early, before any load, when an output file cannot be written.</summary>
    public void EnsureWritable()
    {
        Options.EnsureWritable(SummaryExport, "--summary-export");
        Options.EnsureWritable(ReportPath, "--report");
    }

    /// <summary>
    /// Fails before anything is read or written when two outputs name one file (the second would find
    /// it held open at the end of the run), or an output names an input it would overwrite.
    /// </summary>
    public void EnsureSeparate(RunSettings settings)
    {
        var target = settings.Target is { } path && !path.Contains("://", StringComparison.Ordinal) ? path : null;
        Options.EnsureSeparate(
            [(ResultsPath, "--out"), (SummaryExport, "--summary-export"), (ReportPath, "--report"), (History.Disabled ? null : History.Path, "--history")],
            [(target, "the scenario file"), (settings.BodyFile, "--body-file")]);
    }
}
