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
}
