using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class ProcessStatusParserTests
{
    [Fact]
    public void ParseRssBytes_RecordedStatus_ReadsVmRssInBytes()
    {
        Assert.Equal(4232L * 1024, ProcessStatusParser.ParseRssBytes(ProcFixtures.Read("pid-status")));
    }

    [Fact]
    public void ParseRssBytes_KernelThread_IsNull()
    {
        Assert.Null(ProcessStatusParser.ParseRssBytes(ProcFixtures.Read("pid-status-kernel-thread")));
    }

    [Fact]
    public void OpenFilesLimit_IsTheSoftLimitOfMaxOpenFiles()
    {
        const string limits = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max open files            4096                 524288               files
            Max locked memory         8388608              8388608              bytes
            """;

        Assert.Equal(4096, ProcessReader.ParseOpenFilesLimit(limits));
        Assert.Null(ProcessReader.ParseOpenFilesLimit(limits.Replace("4096     ", "unlimited", StringComparison.Ordinal)));
        Assert.Null(ProcessReader.ParseOpenFilesLimit("Limit  Soft Limit  Hard Limit  Units\n"));
    }

    [LinuxFact]
    public void OpenFilesLimit_OfThisProcess_IsReadFromProc()
    {
        var reading = ProcessReader.TryRead("/proc", Environment.ProcessId)!;

        Assert.NotNull(reading.OpenFilesLimit);
        Assert.True(reading.OpenFilesLimit >= reading.OpenFiles, $"{reading.OpenFiles} open of {reading.OpenFilesLimit}");
    }
}
