using Microsoft.Extensions.Time.Testing;
using Surge.Monitoring;
using Surge.Monitoring.Prometheus;

namespace Surge.Tests.Monitoring.Prometheus;

public class PrometheusMonitorTests
{
    private static readonly Uri MetricsUrl = new("http://127.0.0.1:9100/metrics");
    private readonly FakeTimeProvider _time = new();
    private readonly FixtureHandler _exporter = new();

    private PrometheusMonitor CreateMonitor() => new(MetricsUrl, "db", new HttpClient(_exporter), _time);

    private static async Task<ResourceSample> SampleAsync(PrometheusMonitor monitor) =>
        Assert.Single(await monitor.SampleAsync(CancellationToken.None));

    [Fact]
    public void Source_IsThePromAddress()
    {
        using var monitor = CreateMonitor();

        Assert.Equal("prom://127.0.0.1:9100/metrics", monitor.Source);
        Assert.Equal("db", monitor.Label);
    }

    [Fact]
    public async Task FirstScrape_GivesGaugesButNoCpuOrRates()
    {
        using var monitor = CreateMonitor();
        _exporter.Fixture(PrometheusFixtures.FirstScrape);

        var sample = await SampleAsync(monitor);

        Assert.Equal([MetricsUrl], _exporter.Requests);
        Assert.Equal(("db", "host"), (sample.Target, sample.Kind));
        Assert.Null(sample.CpuPercent);
        Assert.Null(sample.CoresPercent);
        Assert.Equal(25_276_510_208, sample.MemoryTotalBytes);
        Assert.Equal(24_942_137_344, sample.MemoryAvailableBytes);
        Assert.Equal(334_372_864, sample.MemoryUsedBytes);
        Assert.Equal(1_048_576, sample.SwapUsedBytes);
        Assert.Equal([0.69, 2.07, 1.82], sample.LoadAverage!);
        Assert.Equal(new Dictionary<string, int> { ["ESTABLISHED"] = 2 }, sample.TcpStates);
        Assert.Null(sample.NetworkRxBytesPerSecond);
        Assert.Null(sample.NetworkTxBytesPerSecond);
        Assert.Null(sample.DiskReadBytesPerSecond);
        Assert.Null(sample.DiskWriteBytesPerSecond);
    }

    [Fact]
    public async Task SecondScrapeOneSecondLater_GivesExactCpuAndRates()
    {
        using var monitor = CreateMonitor();
        _exporter.Fixture(PrometheusFixtures.FirstScrape).Fixture(PrometheusFixtures.SecondScrape);
        await SampleAsync(monitor);
        _time.Advance(TimeSpan.FromSeconds(1));

        var sample = await SampleAsync(monitor);

        Assert.Equal(42.5, sample.CpuPercent!.Value, 6); // 1.15 of 2 core-seconds idle
        Assert.Equal(2, sample.CoresPercent!.Count);
        Assert.Equal(75, sample.CoresPercent[0], 6);
        Assert.Equal(10, sample.CoresPercent[1], 6);
        // The fixtures' veth, docker0 and dm-0 (traffic and bytes counted twice) are left out.
        Assert.Equal(251_000, sample.NetworkRxBytesPerSecond!.Value, 6);
        Assert.Equal(100_000, sample.NetworkTxBytesPerSecond!.Value, 6);
        Assert.Equal(417_792, sample.DiskReadBytesPerSecond!.Value, 6);
        Assert.Equal(1_048_576, sample.DiskWriteBytesPerSecond!.Value, 6);
        Assert.Equal(335_421_440, sample.MemoryUsedBytes);
        Assert.Equal([0.72, 2.05, 1.81], sample.LoadAverage!);
        Assert.Equal(14, sample.TcpStates!["ESTABLISHED"]);
    }

    [Fact]
    public async Task RatesAreOverTheTimeThatPassed_NotPerScrape()
    {
        using var monitor = CreateMonitor();
        _exporter.Fixture(PrometheusFixtures.FirstScrape).Fixture(PrometheusFixtures.SecondScrape);
        await SampleAsync(monitor);
        _time.Advance(TimeSpan.FromSeconds(2));

        var sample = await SampleAsync(monitor);

        Assert.Equal(125_500, sample.NetworkRxBytesPerSecond!.Value, 6);
        Assert.Equal(524_288, sample.DiskWriteBytesPerSecond!.Value, 6);
        Assert.Equal(42.5, sample.CpuPercent!.Value, 6); // a share of CPU time, whatever the interval
    }

    [Fact]
    public async Task FailedScrapeBetween_RatesSpanTheGapSinceTheLastGoodOne()
    {
        using var monitor = CreateMonitor();
        _exporter.Fixture(PrometheusFixtures.FirstScrape).Page("oops", System.Net.HttpStatusCode.InternalServerError)
            .Fixture(PrometheusFixtures.SecondScrape);
        await SampleAsync(monitor);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<MonitorException>(() => SampleAsync(monitor));
        _time.Advance(TimeSpan.FromSeconds(1));

        var sample = await SampleAsync(monitor);

        Assert.Equal(125_500, sample.NetworkRxBytesPerSecond!.Value, 6);
    }

    [Fact]
    public async Task CountersThatWentBackwards_CountAsIdleNotNegative()
    {
        using var monitor = CreateMonitor();
        _exporter.Fixture(PrometheusFixtures.SecondScrape).Fixture(PrometheusFixtures.FirstScrape);
        await SampleAsync(monitor);
        _time.Advance(TimeSpan.FromSeconds(1));

        var sample = await SampleAsync(monitor);

        Assert.Null(sample.CpuPercent);
        Assert.Equal(0, sample.NetworkRxBytesPerSecond);
        Assert.Equal(0, sample.DiskWriteBytesPerSecond);
    }

    [Fact]
    public async Task PageWithoutOptionalSeries_LeavesThoseFieldsNull()
    {
        using var monitor = CreateMonitor();
        _exporter.Page("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 10\nnode_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 5\n")
            .Page("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 10.5\nnode_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 5.5\n");
        await SampleAsync(monitor);
        _time.Advance(TimeSpan.FromSeconds(1));

        var sample = await SampleAsync(monitor);

        Assert.Equal(50, sample.CpuPercent!.Value, 6);
        Assert.Null(sample.MemoryUsedBytes);
        Assert.Null(sample.SwapUsedBytes);
        Assert.Null(sample.LoadAverage);
        Assert.Null(sample.NetworkRxBytesPerSecond);
        Assert.Null(sample.DiskReadBytesPerSecond);
        Assert.Null(sample.TcpStates);
    }
}
