using System.Text.Json;
using Surge.Cli.Tests.Support;

namespace Surge.Cli.Tests.Reports.Html;

/// <summary>
/// One short run of the demo target with a monitor, written as results file, summary JSON and HTML
/// report; shared by the report tests so the machine runs the load once.
/// </summary>
public sealed class ReportRun : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Dir => _dir.Path;

    public string File(string name) => _dir.File(name);

    public SurgeProcess.Result Run { get; private set; } = null!;

    public JsonElement Summary { get; private set; }

    public async Task InitializeAsync()
    {
        Run = await SurgeProcess.RunAsync(
            Dir, "run", "--vus", "3", "--duration", "4s", "--monitor", "local", "--goal", "p95<5s", "--goal", "errors<50%",
            "--out", "results.ndjson", "--summary-export", "summary.json", "--report", "report.html", "--no-history", "--quiet");
        Assert.True(Run.ExitCode == 0, Run.Stderr + Run.Stdout);
        Summary = JsonDocument.Parse(System.IO.File.ReadAllText(File("summary.json"))).RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();
}
