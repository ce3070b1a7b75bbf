using Surge.Analysis;
using Surge.Http;
using Surge.Lab.Demo;
using Surge.Monitoring.Proc;
using Surge.Run;
using Surge.Outcome;

namespace Surge.IntegrationTests.Analysis;

public class DiagnosisRunTests
{
    [Fact]
    public async Task CpuEndpoint_WatchedLocally_GetsADiagnosis_ThatNamesTheHostCpuExactlyWhenItsSamplesWereAtTheLimit()
    {
        await using var server = await DemoServer.StartAsync();
        var plan = Support.Runs.Plan(new HttpRequest("GET", new Uri(server.Url, "/cpu")), vus: 4, TimeSpan.FromSeconds(6)) with
        {
            Monitors = [new LocalHostMonitor("local")],
        };

        var outcome = await RunService.RunAsync(plan, []);

        var diagnosis = outcome.Summary.Diagnosis;
        Assert.NotNull(diagnosis);
        Assert.False(diagnosis.Has(VerdictKind.NoMonitors));
        Assert.NotEqual(VerdictKind.None, diagnosis.Verdict);
        Assert.True(diagnosis.Load.Seconds >= 3, $"{diagnosis.Load.Seconds} seconds with load");
        Assert.True(diagnosis.Load.PeakTps > 0);

        // A busy shared machine decides whether the host's CPU got to 90 %: the verdict must follow what was sampled.
        var load = LoadSeries.Of(outcome.Timeline, openModel: false);
        var cpu = load.Loaded
            .Select(i => outcome.Timeline.Seconds[i].Resources.FirstOrDefault(r => r.Target == "local")?.CpuPercent ?? 0)
            .ToList();
        var saturated = Enumerable.Range(0, Math.Max(0, cpu.Count - 2)).Any(i => cpu.Skip(i).Take(3).All(c => c >= 90));
        var named = diagnosis.Bottlenecks.Any(b => b.Target == "local" && b.Resource == LimitedResource.Cpu);
        Assert.True(saturated == named, $"host CPU per second: {string.Join(", ", cpu.Select(c => c.ToString("0")))}; named: {named}");
        Assert.Equal(saturated || diagnosis.Has(VerdictKind.Bottleneck), diagnosis.Has(VerdictKind.Bottleneck));
        if (named)
        {
            Assert.Equal(NextStepKind.FixCode, diagnosis.NextSteps.SkipWhile(s => s.Kind == NextStepKind.BiggerGenerator).First().Kind);
            Assert.EndsWith("/cpu", diagnosis.NextSteps.First(s => s.Kind == NextStepKind.FixCode).Subject, StringComparison.Ordinal);
        }

        // The same run diagnosed again says the same: nothing in it depends on when it is asked.
        Assert.Equal(
            DiagnosisText.Lines(diagnosis, DiagnosisLanguage.English),
            DiagnosisText.Lines(Diagnoser.Diagnose(outcome.Summary, outcome.Timeline), DiagnosisLanguage.English));
    }
}
