using System.Runtime.InteropServices;
using Surge.Http;

namespace Surge.Tests.Http;

public class ResponseBodyBufferTests
{
    [Fact]
    public void Write_UpToTheLimit_KeepsEveryByte()
    {
        var buffer = new ResponseBodyBuffer(10);

        buffer.Write("hello"u8);
        buffer.Write("world"u8);

        Assert.Equal("helloworld"u8.ToArray(), buffer.WrittenMemory.ToArray());
    }

    [Fact]
    public void Write_PastTheLimit_ThrowsAndKeepsWhatFit()
    {
        var buffer = new ResponseBodyBuffer(8);
        buffer.Write("hello"u8);

        var exception = Assert.Throws<ResponseBodyTooLargeException>(() => buffer.Write("world"u8));

        Assert.Contains("limit of 8 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Equal(5, buffer.WrittenMemory.Length);
    }

    [Fact]
    public void Expect_ALengthOverTheLimit_ThrowsBeforeAnyByteIsRead()
    {
        var buffer = new ResponseBodyBuffer(1000);

        var exception = Assert.Throws<ResponseBodyTooLargeException>(() => buffer.Expect(1001));

        Assert.Contains("1001 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ManySmallPieces_NeverGrowsTheArrayPastTheLimit()
    {
        var buffer = new ResponseBodyBuffer(5000);
        var piece = new byte[700];

        for (var i = 0; i < 7; i++)
        {
            buffer.Write(piece);
        }

        Assert.Throws<ResponseBodyTooLargeException>(() => buffer.Write(piece));
        Assert.True(MemoryMarshal.TryGetArray(buffer.WrittenMemory, out var segment));
        Assert.InRange(segment.Array!.Length, 4900, 5000);
    }

    [Fact]
    public void Clear_StartsOverWithinTheSameLimit()
    {
        var buffer = new ResponseBodyBuffer(4);
        buffer.Write("abcd"u8);

        buffer.Clear();
        buffer.Write("xy"u8);

        Assert.Equal("xy"u8.ToArray(), buffer.WrittenMemory.ToArray());
    }
}
