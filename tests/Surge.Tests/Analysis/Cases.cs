using Surge.Outcome;
using static Surge.Tests.Analysis.SyntheticRun;

namespace Surge.Tests.Analysis;

/// <summary>The runs the diagnosis tests and text snapshots share: one per verdict.</summary>
internal static class Cases
{
    /// <summary>VUs rise 5 → 100; the app process runs out of its 4 cores at 50 VUs, where TPS stops at 2,500/s.</summary>
    public static SyntheticRun CpuBoundApp()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 20; s++)
        {
            var vus = 5 * s;
            var share = Math.Min(vus / 50.0, 1);
            var tps = (int)Math.Min(50 * vus, 2500);
            run.Second(vus, tps, vus * 1000.0 / tps, [Host("local", 95 * share), Process("app", 390 * share)]);
        }

        return run;
    }

    /// <summary>50 VUs throughout; from 00:04 postgres uses both cores while TPS stays ~1,840/s and latency climbs.</summary>
    public static SyntheticRun DatabaseBound()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 15; s++)
        {
            var busy = s >= 5;
            var tps = busy ? 1840 + (((s % 3) - 1) * 20) : 1500 + (s * 50);
            var latency = busy ? 120 + ((s - 5) * 70) : 100;
            run.Second(50, tps, latency, [Host("local", busy ? 97 + (s % 3) : 70, cores: 2), Process("postgres", busy ? 194 + (s % 6) : 120)]);
        }

        return run;
    }

    /// <summary>20 VUs; from 00:03 the host's memory is 94–98 % used, and from 00:06 swap grows.</summary>
    public static SyntheticRun MemoryPressure()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 12; s++)
        {
            long gib = 1L << 30;
            var used = s <= 3 ? 5 * gib : (long)((7.36 + (0.04 * s)) * gib);
            var swap = s <= 5 ? 0 : (s - 5) * 50L * 1024 * 1024;
            run.Second(20, 800 - (s > 5 ? 40 * (s - 5) : 0), 25 + (s * 5), [Host("local", 40, memoryUsed: used, swap: swap)]);
        }

        return run;
    }

    /// <summary>VUs rise 5 → 100 on a /video of 500 KB responses; the web host's 1 Gbit/s link fills at 230/s.</summary>
    public static SyntheticRun NetworkBound()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 20; s++)
        {
            var vus = 5 * s;
            var tps = Math.Min(10 * vus, 230);
            run.Second(vus, tps, vus * 1000.0 / tps, [Host("web", 35, txBytes: tps * 512_000.0)], bytesPerResponse: 512_000, endpoint: "/video");
        }

        return run;
    }

    /// <summary>20 VUs; from 00:03 most responses are 503s and some connections are refused.</summary>
    public static SyntheticRun Failing()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 12; s++)
        {
            run.Second(20, 400, 15, [Host("local", 30)], failed: s >= 4 ? 320 : 2, refused: s >= 4 ? 10 : 0);
        }

        return run;
    }

    /// <summary>100 VUs at a steady 3,000/s; the server is idle, the generator is not.</summary>
    public static SyntheticRun GeneratorBound()
    {
        var run = new SyntheticRun(target: "http://10.0.0.5:8080/");
        for (var s = 1; s <= 10; s++)
        {
            run.Second(100, 3000 + ((s % 2) * 30), 30, [Host("app", 35)]);
        }

        return run;
    }

    /// <summary>The generator's health for <see cref="GeneratorBound"/>: CPU at 98 %, timers 250 ms late.</summary>
    public static GeneratorHealth BusyGenerator { get; } =
        new(TimeSpan.FromMilliseconds(250), 0.98, 0.93, TimeSpan.FromSeconds(7), "the load generator was the bottleneck for 7 s");

    /// <summary>30 VUs throughout; from 00:05 the database host's disk is busy 96–100 % of the time while TPS stays ~600/s and latency climbs.</summary>
    public static SyntheticRun DiskBound()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 14; s++)
        {
            var busy = s >= 6;
            run.Second(30, busy ? 600 + (s % 2 * 10) : 400 + (s * 40), busy ? 50 + ((s - 6) * 30) : 40, [Host("db", 35, diskBusy: busy ? 96 + (s % 5) : 40), Process("postgres", 60)]);
        }

        return run;
    }

    /// <summary>200 VUs; from 00:03 the app process holds 1,000–1,024 of its 1,024 descriptors, while its CPU idles.</summary>
    public static SyntheticRun OutOfDescriptors()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 12; s++)
        {
            var full = s >= 4;
            run.Second(200, full ? 900 : 1200, full ? 220 : 160, [Host("local", 30), Process("app", 80, openFiles: full ? 1000 + (s % 4 * 8) : 600)]);
        }

        return run;
    }

    /// <summary>VUs rise 2 → 40 and TPS follows them; nothing monitored gets busy.</summary>
    public static SyntheticRun NoLimit()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 20; s++)
        {
            var vus = 2 * s;
            run.Second(vus, 50 * vus, 20, [Host("local", 10 + vus), Process("app", 2 * vus)]);
        }

        return run;
    }

    /// <summary>10 VUs at 500/s and no monitor.</summary>
    public static SyntheticRun NoMonitors()
    {
        var run = new SyntheticRun();
        for (var s = 1; s <= 10; s++)
        {
            run.Second(10, 500, 20);
        }

        return run;
    }

    /// <summary>An arrival rate of 1,000/s that the server keeps up with for two seconds, then drops 300 a second.</summary>
    public static SyntheticRun OpenModelShort()
    {
        var run = new SyntheticRun(openModel: true);
        for (var s = 1; s <= 10; s++)
        {
            var dropped = s >= 3 ? 300 : 0;
            run.Second(1000, 1000 - dropped, s >= 3 ? 400 : 40, dropped: dropped);
        }

        return run;
    }
}
