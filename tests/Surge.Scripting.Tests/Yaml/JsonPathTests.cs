using System.Text.Json;
using Surge.Scripting.Yaml;

namespace Surge.Scripting.Tests.Yaml;

public class JsonPathTests
{
    private const string Body = """
        {"token":"abc","user":{"name":"alice","age":41,"admin":false},"items":[{"id":1},{"id":2,"tags":["x","y"]}],
         "content-type":"json","a.b":7,"none":null}
        """;

    private static readonly JsonElement Root = JsonDocument.Parse(Body).RootElement;

    [Theory]
    [InlineData("$.token", "abc")]
    [InlineData("$.user.name", "alice")]
    [InlineData("$.user.age", "41")]
    [InlineData("$.user.admin", "false")]
    [InlineData("$.items[1].id", "2")]
    [InlineData("$.items[1].tags[0]", "x")]
    [InlineData("$['content-type']", "json")]
    [InlineData("$[\"a.b\"]", "7")]
    [InlineData("$.items[0]", "{\"id\":1}")]
    [InlineData("$.none", "null")]
    public void TryFind_ExistingValue_ReturnsItsText(string path, string expected)
    {
        Assert.True(JsonPath.Parse(path).TryFind(Root, out var value));
        Assert.Equal(expected, JsonPath.TextOf(value));
    }

    [Fact]
    public void Dollar_IsTheWholeDocument()
    {
        Assert.True(JsonPath.Parse("$").TryFind(JsonDocument.Parse("[1,2]").RootElement, out var value));
        Assert.Equal(JsonValueKind.Array, value.ValueKind);
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.items[2]")]
    [InlineData("$.token.length")]
    [InlineData("$.user[0]")]
    [InlineData("$.items.id")]
    public void TryFind_MissingOrWrongKind_ReturnsFalse(string path) =>
        Assert.False(JsonPath.Parse(path).TryFind(Root, out _));

    [Theory]
    [InlineData("token", "must start with '$'")]
    [InlineData("$.", "empty name at position 2")]
    [InlineData("$..token", "empty name at position 2")]
    [InlineData("$[abc]", "needs [index]")]
    [InlineData("$[-1]", "needs [index]")]
    [InlineData("$[*]", "needs [index]")]
    [InlineData("$['a'", "unclosed")]
    [InlineData("$x", "'x' at position 1")]
    public void TryParse_Malformed_SaysWhy(string path, string reason)
    {
        Assert.False(JsonPath.TryParse(path, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
