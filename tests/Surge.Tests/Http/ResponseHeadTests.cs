using System.Text;
using Surge.Http;

namespace Surge.Tests.Http;

public class ResponseHeadTests
{
    private static ResponseHead Parse(string head, bool collect = false) => ResponseHead.Parse(Encoding.ASCII.GetBytes(head), collect);

    [Fact]
    public void Parse_ContentLength_ReadsStatusAndLength()
    {
        var head = Parse("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\ncontent-length: 13\r\n\r\n");

        Assert.Equal(404, head.Status);
        Assert.Equal(13, head.ContentLength);
        Assert.False(head.Chunked);
        Assert.True(head.KeepAlive);
        Assert.Empty(head.Headers);
    }

    [Fact]
    public void Parse_ChunkedAndClose_AreRecognised()
    {
        var head = Parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n");

        Assert.True(head.Chunked);
        Assert.Equal(-1, head.ContentLength);
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void Parse_Http10_IsNotKeptAliveUnlessAsked()
    {
        Assert.False(Parse("HTTP/1.0 200 OK\r\n\r\n").KeepAlive);
        Assert.True(Parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n").KeepAlive);
    }

    [Fact]
    public void Parse_CollectHeaders_KeepsNamesAndValues()
    {
        var head = Parse("HTTP/1.1 201 Created\r\nX-Id: 42\r\nSet-Cookie: a=b\r\n\r\n", collect: true);

        Assert.Equal([new("X-Id", "42"), new("Set-Cookie", "a=b")], head.Headers);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    public void Parse_NotHttp_ThrowsProtocolException(string head) =>
        Assert.Throws<MalformedResponseException>(() => Parse(head));
}
