using Surge.Monitoring.Cgroups;

namespace Surge.Tests.Monitoring.Cgroups;

public sealed class CpuListTests
{
    [Theory]
    [InlineData("0-3\n", 4)]
    [InlineData("0-3,8,10-11", 7)]
    [InlineData("5", 1)]
    [InlineData("", null)]
    [InlineData("3-1", null)]
    [InlineData("a-b", null)]
    public void Count_CountsTheCpusOfAKernelList(string text, int? expected) =>
        Assert.Equal(expected, CpuList.Count(text));
}
