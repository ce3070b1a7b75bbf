using Surge.Monitoring.Proc;

namespace Surge.Tests.Monitoring.Proc;

public class ProcessNamesTests
{
    [Fact]
    public void Comm_DropsTheNewline()
    {
        Assert.Equal("postgres", ProcessNames.Comm(ProcFixtures.Read("pid-comm")));
    }

    [Fact]
    public void ProgramName_NulSeparatedCmdline_IsTheFileNameOfArgv0()
    {
        Assert.Equal("postgres", ProcessNames.ProgramName(ProcFixtures.Read("pid-cmdline")));
    }

    [Fact]
    public void Matches_ArgvRewrittenAsATitle_StillMatchesByComm()
    {
        var cmdline = ProcFixtures.Read("pid-cmdline-rewritten");

        Assert.Equal("main: checkpointer ", ProcessNames.ProgramName(cmdline));
        Assert.True(ProcessNames.Matches("postgres", ProcessNames.Comm(ProcFixtures.Read("pid-comm")), () => cmdline));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("/usr/bin/\0x\0")]
    public void ProgramName_NoArgv0_IsNull(string cmdline)
    {
        Assert.Null(ProcessNames.ProgramName(cmdline));
    }

    [Fact]
    public void Matches_ByCommOrByArgv0_ButNotByLaterArguments()
    {
        var cmdline = ProcFixtures.Read("pid-cmdline");

        Assert.True(ProcessNames.Matches("postgres", "postgres", () => throw new InvalidOperationException("comm was enough")));
        Assert.True(ProcessNames.Matches("postgres", "postmaster", () => cmdline));
        Assert.False(ProcessNames.Matches("main", "postmaster", () => cmdline));
        Assert.False(ProcessNames.Matches("postgres", "postmaster", () => null));
    }
}
