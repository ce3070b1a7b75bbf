using Surge.Outcome;
using static Surge.Tests.Analysis.SyntheticRun;

namespace Surge.Tests.Analysis;

public class DiagnoserTests
{
    [Fact]
    public void CpuBoundPlateau_NamesTheAppProcessCpu_AndTheKnee_AndFixingCodeFirst()
    {
        var diagnosis = Cases.CpuBoundApp().Diagnose();

        Assert.Equal(VerdictKind.Bottleneck | VerdictKind.ThroughputLimit, diagnosis.Verdict);
        var bottleneck = diagnosis.Bottleneck!;
        Assert.Equal(("app", "process", TargetRole.App, LimitedResource.Cpu), (bottleneck.Target, bottleneck.Kind, bottleneck.Role, bottleneck.Resource));
        Assert.Equal(TimeSpan.FromSeconds(9), bottleneck.From); // the second that starts at 00:09 has 50 VUs
        Assert.Equal(400, bottleneck.Capacity); // 4 cores, from the host sample
        Assert.Equal(2500, bottleneck.TpsMean, 1);
        Assert.Contains(diagnosis.Bottlenecks, b => b.Target == "local" && b.Resource == LimitedResource.Cpu);
        var limit = diagnosis.Limit!;
        Assert.Equal(50, limit.LoadAtKnee);
        Assert.Equal(100, limit.LoadPeak);
        Assert.True(limit.P95EndMs > 1.8 * limit.P95AtKneeMs, $"p95 {limit.P95AtKneeMs} → {limit.P95EndMs}");
        Assert.Equal(
            [new(NextStepKind.FixCode, "GET /api"), new(NextStepKind.ScaleOut, "app"), new(NextStepKind.ScaleUp, "app")],
            diagnosis.NextSteps);
    }

    [Fact]
    public void DatabaseBound_NamesPostgresCpu_WhileTpsStayedFlat_AndFixingQueriesFirst()
    {
        var diagnosis = Cases.DatabaseBound().Diagnose();

        Assert.Equal(VerdictKind.Bottleneck, diagnosis.Verdict); // constant VUs: no rise for a knee to show on
        var bottleneck = diagnosis.Bottleneck!;
        Assert.Equal(("postgres", TargetRole.Database, LimitedResource.Cpu), (bottleneck.Target, bottleneck.Role, bottleneck.Resource));
        Assert.Equal(TimeSpan.FromSeconds(4), bottleneck.From);
        Assert.Equal(200, bottleneck.Capacity); // the host sample says 2 cores
        Assert.Equal((194, 199), (bottleneck.Low, bottleneck.High));
        Assert.Equal(1840, bottleneck.TpsMean, 0);
        Assert.InRange(bottleneck.TpsSpreadPercent, 0.1, 2);
        Assert.InRange(bottleneck.P95BeforeMs!.Value, 100, 130);
        Assert.InRange(bottleneck.P95AfterMs, 800, 1100);
        Assert.Equal(
            [NextStepKind.FixQueries, NextStepKind.ScaleUp, NextStepKind.ReadReplica, NextStepKind.AddCache],
            diagnosis.NextSteps.Select(s => s.Kind));
    }

    [Fact]
    public void DiskBusy_OnTheDatabaseHost_IsNamed_FromWhenItStayedBusy()
    {
        var diagnosis = Cases.DiskBound().Diagnose();

        var bottleneck = diagnosis.Bottleneck!;
        Assert.Equal(("db", LimitedResource.Disk), (bottleneck.Target, bottleneck.Resource));
        Assert.Equal(TimeSpan.FromSeconds(5), bottleneck.From);
        Assert.Equal((96, 100), (bottleneck.Low, bottleneck.High));
        Assert.InRange(bottleneck.TpsMean, 600, 610);
        Assert.DoesNotContain(diagnosis.Bottlenecks, b => b.Resource == LimitedResource.Cpu);
    }

    [Fact]
    public void OutOfDescriptors_NamesTheProcessesOpenFiles_AndRaisingTheLimitFirst()
    {
        var diagnosis = Cases.OutOfDescriptors().Diagnose();

        var bottleneck = diagnosis.Bottleneck!;
        Assert.Equal(("app", LimitedResource.Descriptors), (bottleneck.Target, bottleneck.Resource));
        Assert.Equal(TimeSpan.FromSeconds(3), bottleneck.From);
        Assert.Equal(1024, bottleneck.Capacity);
        Assert.Equal((1000, 1024), (bottleneck.Low, bottleneck.High));
        Assert.Equal(new NextStep(NextStepKind.RaiseDescriptorLimit, "app"), diagnosis.NextSteps[0]);
        Assert.Contains(diagnosis.NextSteps, s => s.Kind == NextStepKind.FixCode);
    }

    [Fact]
    public void ContainerAtItsQuota_WhileTheHostIsIdle_IsNamed_AgainstItsQuota()
    {
        // A database container capped at 0.5 core: 92-99 % of its quota from 00:04 while the host sits at 20 %.
        var run = new SyntheticRun();
        for (var s = 1; s <= 12; s++)
        {
            var capped = s >= 5;
            var db = new Surge.Monitoring.ResourceSample
            {
                Target = "db",
                Kind = "cgroup",
                CpuPercent = capped ? 92 + (s % 8) : 60,
                CpuLimitCores = 0.5,
                MemoryUsedBytes = 200L << 20,
                MemoryLimitBytes = 512L << 20,
            };
            run.Second(40, capped ? 600 + ((s % 2) * 5) : 300 + (s * 60), capped ? 90 + (s * 40) : 40, [Host("local", 20), db]);
        }

        var diagnosis = run.Diagnose();

        var bottleneck = diagnosis.Bottleneck!;
        Assert.Equal(("db", "cgroup", TargetRole.Database, LimitedResource.Cpu), (bottleneck.Target, bottleneck.Kind, bottleneck.Role, bottleneck.Resource));
        Assert.Equal(TimeSpan.FromSeconds(4), bottleneck.From);
        Assert.Equal(0.5, bottleneck.LimitCores);
        Assert.Equal(NextStepKind.FixQueries, diagnosis.NextSteps[0].Kind);
        Assert.Contains("of its 0.5-core limit", string.Join('\n', DiagnosisText.Lines(diagnosis, DiagnosisLanguage.English)), StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryPressure_NamesTheHostMemory_ThenSwapGrowing()
    {
        var diagnosis = Cases.MemoryPressure().Diagnose();

        Assert.Equal(VerdictKind.Bottleneck, diagnosis.Verdict);
        Assert.Equal(
            [(LimitedResource.Memory, TimeSpan.FromSeconds(3)), (LimitedResource.Swap, TimeSpan.FromSeconds(5))],
            diagnosis.Bottlenecks.Select(b => (b.Resource, b.From)));
        Assert.Equal(8L << 30, diagnosis.Bottleneck!.Capacity);
        Assert.InRange(diagnosis.Bottleneck.Low / diagnosis.Bottleneck.Capacity * 100, 93, 95);
        Assert.Equal(NextStepKind.FixCode, diagnosis.NextSteps[0].Kind);
    }

    [Fact]
    public void NetworkBound_NamesTheLink_AndMovingTheLargeFilesOutFirst()
    {
        var diagnosis = Cases.NetworkBound().Diagnose();

        Assert.True(diagnosis.Has(VerdictKind.Bottleneck | VerdictKind.ThroughputLimit), diagnosis.Verdict.ToString());
        var bottleneck = diagnosis.Bottleneck!;
        Assert.Equal(("web", LimitedResource.Network), (bottleneck.Target, bottleneck.Resource));
        Assert.Equal(1e9 / 8, bottleneck.Capacity);
        Assert.Equal(
            [new(NextStepKind.MoveStaticFiles, "GET /video"), new(NextStepKind.ScaleOut, "web"), new(NextStepKind.ScaleUp, "web")],
            diagnosis.NextSteps);
    }

    [Fact]
    public void Failing_SaysFromWhenAndWhy_AndNamesNoBottleneck()
    {
        var diagnosis = Cases.Failing().Diagnose();

        Assert.Equal(VerdictKind.Failing, diagnosis.Verdict);
        var failure = diagnosis.Failure!;
        Assert.Equal(TimeSpan.FromSeconds(3), failure.From);
        Assert.InRange(failure.ErrorRate, 0.8, 0.82); // 330 of 410 a second
        Assert.Equal(["503", "refused"], failure.Causes.Select(c => c.Name));
        Assert.Equal([new NextStep(NextStepKind.FixErrors, "503")], diagnosis.NextSteps);
    }

    [Fact]
    public void GeneratorBound_SaysTheNumbersAreSurges_AndNamesNoServer()
    {
        var diagnosis = Cases.GeneratorBound().Diagnose(Cases.BusyGenerator);

        Assert.Equal(VerdictKind.GeneratorLimited, diagnosis.Verdict);
        Assert.Equal(new GeneratorLimit(98, 250, 7), diagnosis.Generator);
        Assert.Equal([NextStepKind.BiggerGenerator], diagnosis.NextSteps.Select(s => s.Kind));
    }

    [Fact]
    public void NoLimitReached_WhenTpsFollowedTheLoadAndNothingSaturated_SaysLoadHarder()
    {
        var diagnosis = Cases.NoLimit().Diagnose();

        Assert.Equal(VerdictKind.NoLimitReached, diagnosis.Verdict);
        Assert.Null(diagnosis.Limit);
        Assert.Equal((40, 2000), (diagnosis.Load.PeakLoad, diagnosis.Load.PeakTps));
        Assert.Equal([NextStepKind.LoadHarder], diagnosis.NextSteps.Select(s => s.Kind));
    }

    [Fact]
    public void NoMonitors_SaysWhichFlagsWouldTell_AndNamesNoResource()
    {
        var diagnosis = Cases.NoMonitors().Diagnose();

        Assert.Equal(VerdictKind.NoMonitors, diagnosis.Verdict);
        Assert.Empty(diagnosis.Bottlenecks);
        Assert.Contains("--monitor local", diagnosis.SuggestedMonitors);
        Assert.Equal([NextStepKind.AddMonitors, NextStepKind.LoadHarder], diagnosis.NextSteps.Select(s => s.Kind));
    }

    [Fact]
    public void NoMonitors_OfARemoteTarget_SuggestsAnAgentOnItsHost()
    {
        var run = new SyntheticRun(target: "http://shop.example:8080/");
        run.Second(10, 100, 20);

        Assert.Contains("--monitor app=agent://shop.example:9661", run.Diagnose().SuggestedMonitors);
    }

    [Fact]
    public void OpenModel_ShortOfItsRateWithDroppedIterations_IsAThroughputLimitFromTheFirstDrop()
    {
        var diagnosis = Cases.OpenModelShort().Diagnose(configuredRate: 1000);

        Assert.Equal(VerdictKind.ThroughputLimit | VerdictKind.NoMonitors, diagnosis.Verdict);
        var limit = diagnosis.Limit!;
        Assert.True(limit.OpenModel);
        Assert.Equal((1000, 2400L, TimeSpan.FromSeconds(2)), (limit.TargetRate, limit.Dropped, limit.At));
        Assert.Equal(760, limit.AchievedRate); // 7,600 iterations in 10 s
        Assert.Equal(700, limit.TpsAfter);
    }

    [Fact]
    public void ABriefSpike_ShorterThanThreeSeconds_IsNoBottleneck()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 10; s++)
        {
            run.Second(10, 500, 20, [Host("local", s is 4 or 5 or 8 ? 100 : 30)]);
        }

        var diagnosis = run.Diagnose();

        Assert.Equal(VerdictKind.NoLimitReached, diagnosis.Verdict);
    }

    [Fact]
    public void ASingleThreadedProcessAtOneCore_IsSaturated_EvenOnAFourCoreHost()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 10; s++)
        {
            var busy = s >= 4;
            var redis = Process("redis-server", busy ? 96 + (s % 4) : 50) with { Threads = 1 };
            run.Second(30, busy ? 4000 + ((s % 2) * 20) : 1500 * s, busy ? 5 + s : 2, [Host("local", 30, cores: 4), redis]);
        }

        var bottleneck = run.Diagnose().Bottleneck!;

        Assert.Equal(("redis-server", TargetRole.Cache, LimitedResource.Cpu, 100.0), (bottleneck.Target, bottleneck.Role, bottleneck.Resource, bottleneck.Capacity));
        Assert.Equal(TimeSpan.FromSeconds(3), bottleneck.From);
    }

    [Fact]
    public void AProcessAtOneCore_OfAFourCoreHost_IsNotSaturated()
    {
        // A process is only judged against every core it may use; one busy thread is the code's limit, not the host's.
        var run = new SyntheticRun();
        for (var s = 1; s <= 10; s++)
        {
            run.Second(10, 500, 20, [Host("local", 30, cores: 4), Process("app", 100)]);
        }

        Assert.Empty(run.Diagnose().Bottlenecks);
    }

    [Fact]
    public void NoLoad_IsJudgedAsNothing()
    {
        var run = new SyntheticRun();
        run.Second(0, 0, 0, [Host("local", 5)]);

        var diagnosis = run.Diagnose();

        Assert.Equal(VerdictKind.None, diagnosis.Verdict);
        Assert.Empty(diagnosis.NextSteps);
    }
}
