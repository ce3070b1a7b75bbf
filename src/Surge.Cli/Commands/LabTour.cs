using System.Diagnostics;
using System.Globalization;
using Surge.Analysis.FindMax;
using Surge.Cli.Hosting;
using Surge.Lab.Topology;
using Surge.Outcome;
using Surge.Reports.Console;
using Spectre.Console;
using Surge.Scripting;

namespace Surge.Cli.Commands;

/// <summary>
/// The lab's tour: each stage brought up in turn, its maximum found with find-max against one scenario, the
/// bottleneck the diagnosis names and the gain over the stage before, as one table.
/// </summary>
internal sealed class LabTour(string scenario, FindMaxOptions search, RunHistory history, DiagnosisLanguage language)
{
    /// <summary>The goals every step of every stage is held to.</summary>
    public static readonly IReadOnlyList<string> Goals = ["p95<800ms", "errors<1%"];

    /// <summary>Brings up <paramref name="lab"/>'s stage, searches its maximum, brings it down.</summary>
    public async Task<LabTourRow> RunStageAsync(LabOptions lab, LabTourRow? previous, SearchSignals signals)
    {
        Consoles.Live.MarkupLine($"[bold]stage {lab.Stage}[/]: {LabPlan.Titles[lab.Stage - 1]}");
        await using var running = await RunningLab.UpAsync(lab, line => Consoles.Live.MarkupLine($"[grey]  {Markup.Escape(line)}[/]"), signals.Stopped);
        var overrides = new RunOverrides { BaseUrl = running.Plan.FrontDoorUrl.ToString().TrimEnd('/'), Goals = Goals };
        var settings = new RunSettings
        {
            Target = scenario,
            Overrides = overrides,
            Monitors = [.. running.MonitorFlags.Select(f => f["--monitor ".Length..])],
        };
        await WarmUpAsync(running.Plan.FrontDoorUrl, signals.Stopped);
        var script = await ScriptRun.LoadAsync(scenario, overrides, quiet: true);
        var steps = new FindMaxSteps(script, settings, search, null, null);
        var renderer = new FindMaxRenderer(Consoles.Summary);
        var result = await FindMaxRunner.RunAsync(search, request => steps.RunAsync(request, signals), s => renderer.Step(s, search.Model), signals.Stopped);
        var diagnosed = result.FirstFailing ?? result.GeneratorLimited ?? (result.Steps.Count > 0 ? result.Steps[^1] : null);
        var diagnosis = diagnosed?.Summary?.Diagnosis;
        if ((result.Best ?? diagnosed)?.Summary is { } recorded)
        {
            var tagged = history with
            {
                Tags = [.. history.Tags, new("lab-stage", lab.Stage.ToString(CultureInfo.InvariantCulture)), new("find-max", result.MaxTps is { } max ? Units.Number(max, 1) : "none")],
            };
            await tagged.RecordAsync(recorded, new RunOutputs(null, null, Metrics.TrendStats.Default, Quiet: true), settings);
        }

        return new LabTourRow(
            lab.Stage,
            Topology(running.Plan),
            result.MaxTps,
            result.Best?.P95Ms,
            diagnosis?.Bottleneck is { } bottleneck ? bottleneck.Target : null,
            diagnosis?.Bottleneck?.Role,
            diagnosis?.NextSteps is [var next, ..] ? DiagnosisText.NextStepText(next, language) : null,
            result.MaxTps is { } now && previous?.MaxTps is { } before && before > 0 ? (now - before) / before : null,
            result,
            steps.Target);
    }

    /// <summary>
    /// A few seconds of light requests to every read endpoint before the search: freshly started app servers
    /// compile their code on the first requests, and a first step measured cold would end the search early.
    /// </summary>
    private static async Task WarmUpAsync(Uri front, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = front, Timeout = TimeSpan.FromSeconds(10) };
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(1, 4).Select(async worker =>
        {
            for (var i = worker; Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(3) && !ct.IsCancellationRequested; i += 4)
            {
                foreach (var path in new[] { "/", "/events/1", "/winners", $"/users/{i}/entries" })
                {
                    using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                }
            }
        }));
    }

    /// <summary>The stage's servers in a few words: <c>app1×2 + db + lb</c>.</summary>
    private static string Topology(LabPlan plan)
    {
        var apps = plan.AppServers.Count();
        var others = plan.Servers.Where(s => !s.Parts.SequenceEqual([PartKind.App])).Select(s => s.Parts.Count > 1 ? $"{s.Name} (app+db)" : s.Name);
        return string.Join(" + ", (plan.Stage == 1 ? [] : new[] { apps > 1 ? $"app×{apps}" : "app1" }).Concat(others));
    }
}
