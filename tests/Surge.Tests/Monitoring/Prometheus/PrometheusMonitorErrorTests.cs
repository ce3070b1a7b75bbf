using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Surge.Monitoring;
using Surge.Monitoring.Prometheus;

namespace Surge.Tests.Monitoring.Prometheus;

public class PrometheusMonitorErrorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FixtureHandler _exporter = new();

    private async Task<MonitorException> FailAsync(string url = "http://127.0.0.1:9100/metrics")
    {
        using var monitor = new PrometheusMonitor(new Uri(url), "db", new HttpClient(_exporter), _time);
        var error = await Assert.ThrowsAsync<MonitorException>(() => monitor.SampleAsync(CancellationToken.None));
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Fact]
    public async Task ConnectionRefused_AsksWhetherItRuns()
    {
        _exporter.Throw(new HttpRequestException("Connection refused (127.0.0.1:9100)", new SocketException((int)SocketError.ConnectionRefused)));

        var error = await FailAsync();

        Assert.Equal("node_exporter at 127.0.0.1:9100 is not answering (connection refused); is it running?", error.Message);
    }

    [Fact]
    public async Task UnknownHost_SaysCheckTheName()
    {
        _exporter.Throw(new HttpRequestException("Name or service not known (db.internal:9100)", new SocketException((int)SocketError.HostNotFound)));

        var error = await FailAsync("http://db.internal:9100/metrics");

        Assert.Equal("node_exporter at db.internal:9100: no such host; check the name", error.Message);
    }

    [Fact]
    public async Task OtherHttpFailure_KeepsItsMessageOnOneLine()
    {
        _exporter.Throw(new HttpRequestException("The response ended prematurely.\nSecond line."));

        var error = await FailAsync();

        Assert.Equal("node_exporter at 127.0.0.1:9100 could not be read: The response ended prematurely. Second line.", error.Message);
    }

    [Fact]
    public async Task NotFoundOnAnotherPath_AsksForMetrics()
    {
        _exporter.Page("404 page not found", HttpStatusCode.NotFound);

        var error = await FailAsync("http://127.0.0.1:9100/metric");

        Assert.Equal("node_exporter at 127.0.0.1:9100 answered 404; is the path /metrics?", error.Message);
    }

    [Fact]
    public async Task NotFoundOnMetrics_AsksWhatListens()
    {
        _exporter.Page("Not Found", HttpStatusCode.NotFound);

        var error = await FailAsync();

        Assert.Equal("node_exporter at 127.0.0.1:9100 answered 404; is something else listening on that port?", error.Message);
    }

    [Fact]
    public async Task ServerError_SaysTheStatus()
    {
        _exporter.Page("boom", HttpStatusCode.ServiceUnavailable);

        var error = await FailAsync();

        Assert.Equal("node_exporter at 127.0.0.1:9100 answered 503", error.Message);
    }

    [Fact]
    public async Task HtmlPage_IsNotPrometheusText_AndSaysWhichLine()
    {
        _exporter.Page("<!DOCTYPE html>\n<html><body>Hello</body></html>\n");

        var error = await FailAsync();

        Assert.Equal("node_exporter at 127.0.0.1:9100 is not Prometheus text: line 1: not a metric name: <!DOCTYPE html>", error.Message);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public async Task GarbageOnLineThree_SaysLineThree()
    {
        _exporter.Page("# HELP up Up.\nup 1\nup{job=oops} 1\n");

        var error = await FailAsync();

        Assert.StartsWith("node_exporter at 127.0.0.1:9100 is not Prometheus text: line 3: ", error.Message);
    }

    [Fact]
    public async Task AnotherExportersPage_AsksWhetherItIsANodeExporter()
    {
        _exporter.Page("# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 1027\n");

        var error = await FailAsync();

        Assert.Equal("node_exporter at 127.0.0.1:9100 has no node_cpu_seconds_total; is this a node_exporter?", error.Message);
    }

    [Fact]
    public async Task NoAnswerWithinTwoSeconds_TimesOut()
    {
        _exporter.Hang();
        using var monitor = new PrometheusMonitor(new Uri("http://127.0.0.1:9100/metrics"), "db", new HttpClient(_exporter), _time);

        var sampling = monitor.SampleAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(sampling.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<MonitorException>(() => sampling);
        Assert.Equal("node_exporter at 127.0.0.1:9100 did not answer within 2 s; is the host overloaded?", error.Message);
    }

    [Fact]
    public async Task CallerCancels_IsCancellationNotAMonitorError()
    {
        _exporter.Hang();
        using var monitor = new PrometheusMonitor(new Uri("http://127.0.0.1:9100/metrics"), "db", new HttpClient(_exporter), _time);
        using var stop = new CancellationTokenSource();

        var sampling = monitor.SampleAsync(stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sampling);
    }
}
