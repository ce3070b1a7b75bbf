using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class ProcMonitorsTests
{
    [LinuxFact]
    public void TryCreate_Local_IsTheHostMonitor()
    {
        Assert.True(ProcMonitors.TryCreate("local", null, out var monitor, out var error));

        using (monitor)
        {
            Assert.Null(error);
            Assert.IsType<LocalHostMonitor>(monitor);
            Assert.Equal("local", monitor.Label);
            Assert.Equal("local", monitor.Source);
        }
    }

    [LinuxFact]
    public void TryCreate_LocalWithLabel_CarriesTheLabel()
    {
        Assert.True(ProcMonitors.TryCreate("local", "web", out var monitor, out _));

        using (monitor)
        {
            Assert.Equal("web", monitor.Label);
        }
    }

    [LinuxTheory]
    [InlineData("process:postgres", null, "postgres")]
    [InlineData("process:postgres", "", "postgres")]
    [InlineData("process:postgres", "db", "db")]
    [InlineData("pid:1234", null, "pid 1234")]
    [InlineData("pid:1234", "db", "db")]
    public void TryCreate_ProcessSources_AreProcessMonitors(string source, string? label, string expectedLabel)
    {
        Assert.True(ProcMonitors.TryCreate(source, label, out var monitor, out var error));

        using (monitor)
        {
            Assert.Null(error);
            Assert.IsType<ProcessMonitor>(monitor);
            Assert.Equal(expectedLabel, monitor.Label);
            Assert.Equal(source, monitor.Source);
        }
    }

    [Theory]
    [InlineData("process:", "'process:' names no process; write e.g. process:postgres")]
    [InlineData("process:  ", "'process:  ' names no process; write e.g. process:postgres")]
    [InlineData("pid:", "'' in 'pid:' is not a process id; write e.g. pid:1234")]
    [InlineData("pid:abc", "'abc' in 'pid:abc' is not a process id; write e.g. pid:1234")]
    [InlineData("pid:-5", "'-5' in 'pid:-5' is not a process id; write e.g. pid:1234")]
    [InlineData("pid:0", "'0' in 'pid:0' is not a process id; write e.g. pid:1234")]
    [InlineData("pid:99999999999", "'99999999999' in 'pid:99999999999' is not a process id; write e.g. pid:1234")]
    [InlineData("Local", "unknown monitor source 'Local'; use local, process:NAME, pid:N or cgroup:PATH")]
    [InlineData("node:10.0.0.5:9100", "unknown monitor source 'node:10.0.0.5:9100'; use local, process:NAME, pid:N or cgroup:PATH")]
    public void TryCreate_InvalidSource_SaysWhy(string source, string expectedError)
    {
        Assert.False(ProcMonitors.TryCreate(source, "x", out var monitor, out var error));

        Assert.Null(monitor);
        Assert.Equal(expectedError, error);
    }
}
