using System.Buffers.Text;
using System.Text;

namespace Surge.Http;

/// <summary>The status line and the framing headers of a response, parsed from its header block.</summary>
internal readonly record struct ResponseHead(
    int Status,
    long ContentLength,
    bool Chunked,
    bool KeepAlive,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    /// <summary>Parses a header block (status line to the blank line, CRLF separated).</summary>
    /// <param name="block">The bytes up to and including the final CRLFCRLF.</param>
    /// <param name="collectHeaders">Whether to return every header (false: only framing is read).</param>
    public static ResponseHead Parse(ReadOnlySpan<byte> block, bool collectHeaders)
    {
        var lineEnd = block.IndexOf("\r\n"u8);
        if (lineEnd < 12 || !block.StartsWith("HTTP/1."u8) || block[8] != (byte)' ')
        {
            throw new MalformedResponseException("The response does not start with an HTTP/1.x status line.");
        }

        var http10 = block[7] == (byte)'0';
        if (!Utf8Parser.TryParse(block.Slice(9, 3), out int status, out var used) || used != 3 || status < 100)
        {
            throw new MalformedResponseException("The response's status code is not a number from 100 to 999.");
        }

        long contentLength = -1;
        var chunked = false;
        var keepAlive = !http10;
        List<KeyValuePair<string, string>>? headers = collectHeaders ? [] : null;
        var rest = block[(lineEnd + 2)..];
        while (true)
        {
            var end = rest.IndexOf("\r\n"u8);
            if (end <= 0)
            {
                break;
            }

            var line = rest[..end];
            rest = rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new MalformedResponseException("A response header line has no name.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (name.EqualsIgnoreCase("Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var n) || n != value.Length || contentLength < 0)
                {
                    throw new MalformedResponseException("The Content-Length header is not a number.");
                }
            }
            else if (name.EqualsIgnoreCase("Transfer-Encoding"u8))
            {
                chunked = value.EndsWithIgnoreCase("chunked"u8);
            }
            else if (name.EqualsIgnoreCase("Connection"u8))
            {
                keepAlive = value.EqualsIgnoreCase("keep-alive"u8) || (!http10 && !value.EqualsIgnoreCase("close"u8));
            }

            headers?.Add(new(Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
        }

        return new ResponseHead(status, chunked ? -1 : contentLength, chunked, keepAlive, headers ?? (IReadOnlyList<KeyValuePair<string, string>>)NoHeaders);
    }
}
