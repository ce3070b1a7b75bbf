using System.Net;
using System.Net.Sockets;
using Surge.Monitoring;
using Surge.Monitoring.Prometheus;

namespace Surge.IntegrationTests.Monitoring;

public class NodeExporterTests
{
    [Fact]
    public async Task RealNodeExporter_ThreeSamplesOneSecondApart_GiveCpuMemoryAndLoad()
    {
        await using var exporter = await NodeExporterProcess.StartAsync();
        using var monitor = new PrometheusMonitor(exporter.MetricsUrl, "local");
        var samples = new List<ResourceSample>();
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            samples.Add(Assert.Single(await monitor.SampleAsync(CancellationToken.None)));
        }

        Assert.Null(samples[0].CpuPercent);
        foreach (var sample in samples)
        {
            Assert.Equal(("local", "host"), (sample.Target, sample.Kind));
            Assert.True(sample.MemoryTotalBytes > 0, $"memory total {sample.MemoryTotalBytes}");
            Assert.True(sample.MemoryUsedBytes > 0, $"memory used {sample.MemoryUsedBytes}");
            Assert.InRange(sample.MemoryUsedBytes!.Value, 1, sample.MemoryTotalBytes!.Value);
            Assert.Equal(3, sample.LoadAverage?.Count);
        }

        foreach (var sample in samples.Skip(1))
        {
            Assert.InRange(sample.CpuPercent!.Value, 0, 100);
            Assert.NotEmpty(sample.CoresPercent!);
            Assert.All(sample.CoresPercent!, core => Assert.InRange(core, 0, 100));
            Assert.True(sample.NetworkRxBytesPerSecond is null or >= 0);
            Assert.True(sample.DiskWriteBytesPerSecond is null or >= 0);
        }
    }

    [Fact]
    public async Task NothingListening_SaysConnectionRefused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var monitor = new PrometheusMonitor(new Uri($"http://127.0.0.1:{port}/metrics"), "local");

        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));

        Assert.Equal($"node_exporter at 127.0.0.1:{port} is not answering (connection refused); is it running?", error.Message);
    }
}
