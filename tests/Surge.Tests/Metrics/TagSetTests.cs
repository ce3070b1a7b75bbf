using Surge.Metrics;

namespace Surge.Tests.Metrics;

public class TagSetTests
{
    [Fact]
    public void Equals_SameTagsInAnotherOrder_AreEqual()
    {
        var a = TagSet.Of("method", "GET", "status", "200");
        var b = TagSet.Of("status", "200", "method", "GET");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("{method:GET, status:200}", a.ToString());
    }

    [Fact]
    public void Contains_FilterSubset_MatchesOnlyEqualValues()
    {
        var tags = TagSet.Of("method", "GET", "name", "/a", "status", "200");

        Assert.True(tags.Contains(TagSet.Of("name", "/a")));
        Assert.True(tags.Contains(TagSet.Empty));
        Assert.False(tags.Contains(TagSet.Of("name", "/b")));
        Assert.False(tags.Contains(TagSet.Of("group", "x")));
    }
}
