using Surge.Monitoring.Prometheus;

namespace Surge.Tests.Monitoring.Prometheus;

public class PrometheusMonitorsTests
{
    [Theory]
    [InlineData("prom://10.0.0.5:9100/metrics", "prom://10.0.0.5:9100/metrics")]
    [InlineData("prom://10.0.0.5:9200", "prom://10.0.0.5:9200/metrics")]
    [InlineData("prom://10.0.0.5:9200/", "prom://10.0.0.5:9200/metrics")]
    [InlineData("prom://db.internal", "prom://db.internal:9100/metrics")]
    [InlineData("PROM://db.internal:9100/node/metrics", "prom://db.internal:9100/node/metrics")]
    [InlineData("prom://[::1]:9100/metrics?collect[]=cpu", "prom://[::1]:9100/metrics?collect[]=cpu")]
    public void TryCreate_PromAddress_MakesAMonitorOfThatPage(string source, string expected)
    {
        Assert.True(PrometheusMonitors.TryCreate(source, "db", out var monitor, out var error));

        using (monitor)
        {
            Assert.Null(error);
            Assert.IsType<PrometheusMonitor>(monitor);
            Assert.Equal(expected, monitor.Source);
            Assert.Equal("db", monitor.Label);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryCreate_NoLabel_LabelsTheSamplesWithTheExportersAddress(string? label)
    {
        Assert.True(PrometheusMonitors.TryCreate("prom://10.0.0.5:9100/metrics", label, out var monitor, out _));

        using (monitor)
        {
            Assert.Equal("10.0.0.5:9100", monitor.Label);
        }
    }

    [Theory]
    [InlineData("process:postgres")]
    [InlineData("http://10.0.0.5:9100/metrics")]
    [InlineData("agent://10.0.0.5:7070")]
    public void TryCreate_OtherSource_DeclinesWithoutAnError(string source)
    {
        Assert.False(PrometheusMonitors.TryCreate(source, "db", out var monitor, out var error));

        Assert.Null(monitor);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("prom://")]
    [InlineData("prom:///metrics")]
    [InlineData("prom://10.0.0.5:port/metrics")]
    [InlineData("prom://10.0.0.5:99999/metrics")]
    [InlineData("prom://10.0.0.5:0/metrics")]
    [InlineData("prom://10.0.0.5 9100")]
    public void TryCreate_MalformedAddress_SaysHowToWriteIt(string source)
    {
        Assert.False(PrometheusMonitors.TryCreate(source, "db", out var monitor, out var error));

        Assert.Null(monitor);
        Assert.Equal("not a node_exporter address; write prom://HOST:PORT/PATH, e.g. prom://10.0.0.5:9100/metrics", error);
    }

    [Theory]
    [InlineData("prom://admin:secret@10.0.0.5:9100/metrics")]
    [InlineData("prom://10.0.0.5:9100/metrics#cpu")]
    public void TryCreate_CredentialsOrFragment_AreRefused(string source)
    {
        Assert.False(PrometheusMonitors.TryCreate(source, "db", out _, out var error));

        Assert.Equal("prom:// takes no credentials and no #fragment; write prom://HOST:PORT/PATH, e.g. prom://10.0.0.5:9100/metrics", error);
    }
}
