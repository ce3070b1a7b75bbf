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
        Assert.True(Assert.IsType<ResponseHeaders>(head.Headers).HasSetCookie);
    }

    [Fact]
    public void Parse_CollectHeaders_KeepsTheBytesUntilRead_ThenEveryHeaderInOrder()
    {
        var head = Parse("HTTP/1.1 200 OK\r\nServer: nginx\r\nX-Pad: \t spaced \t\r\nx-id: 1\r\nX-Id: 2\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n", collect: true);

        var headers = Assert.IsType<ResponseHeaders>(head.Headers);
        Assert.False(headers.HasSetCookie);
        Assert.Equal(6, headers.Count);
        Assert.Equal(new KeyValuePair<string, string>("X-Pad", "spaced"), headers[1]);
        Assert.Equal([("x-id", "1"), ("X-Id", "2"), ("X-Empty", "")], headers.Skip(2).Take(3).Select(h => (h.Key, h.Value)));
        Assert.Equal("nginx", new HttpResponse(200, headers, default, default, HttpErrorKind.None, null).Header("server"));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n")]
    public void Parse_SameContentLengthRepeated_IsOneLength(string text) =>
        Assert.Equal(5, Parse(text).ContentLength);

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 100\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\ncontent-length: 7\r\n\r\n")]
    public void Parse_DifferentContentLengths_ThrowsProtocolException(string text)
    {
        var exception = Assert.Throws<MalformedResponseException>(() => Parse(text));

        Assert.Contains("two different Content-Length values", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ChunkedAndContentLength_ChunkedWinsAndTheConnectionIsNotReused()
    {
        var head = Parse("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n");

        Assert.True(head.Chunked);
        Assert.Equal(-1, head.ContentLength);
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void Parse_TransferEncodingNotEndingInChunked_IsReadUntilClose()
    {
        var head = Parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 3\r\n\r\n");

        Assert.False(head.Chunked);
        Assert.Equal(-1, head.ContentLength);
        Assert.False(head.KeepAlive);
    }

    [Fact]
    public void FindEnd_CompleteHead_ReturnsWhereTheBlankLineStarts()
    {
        var text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8;
        var scanned = 0;

        Assert.Equal(text.IndexOf("\r\n\r\n"u8), ResponseHead.FindEnd(text, ref scanned));
    }

    [Fact]
    public void FindEnd_HeadInPieces_FindsTheEndAcrossCalls()
    {
        var text = "HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\n"u8;
        var scanned = 0;
        for (var length = 0; length < text.Length; length++)
        {
            Assert.Equal(-1, ResponseHead.FindEnd(text[..length], ref scanned));
        }

        Assert.Equal(text.Length - 4, ResponseHead.FindEnd(text, ref scanned));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\nContent-Length: 2\n\nok")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\n\r\nok")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\n")]
    [InlineData("\n")]
    public void FindEnd_BareLf_ThrowsProtocolExceptionWithoutWaitingForMore(string text)
    {
        var scanned = 0;

        Assert.Throws<MalformedResponseException>(() => ResponseHead.FindEnd(Encoding.ASCII.GetBytes(text), ref scanned));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    public void Parse_NotHttp_ThrowsProtocolException(string head) =>
        Assert.Throws<MalformedResponseException>(() => Parse(head));
}
