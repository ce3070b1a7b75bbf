using System.Buffers.Text;

namespace Surge.Http;

/// <summary>The status line and the framing headers of a response, parsed from its header block.</summary>
/// <remarks>
/// Framing is read strictly, as RFC 9112 asks of a client: a response whose length is ambiguous
/// (two different Content-Length values, a bare LF as line end) is a protocol error at once, because
/// guessing would either wait for bytes that never come (until the timeout) or read the next
/// response as part of this one.
/// </remarks>
internal readonly record struct ResponseHead(
    int Status,
    long ContentLength,
    bool Chunked,
    bool KeepAlive,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    /// <summary>
    /// Finds the blank line that ends a header block in the bytes read so far, checking every line end
    /// on the way.
    /// </summary>
    /// <param name="buffered">The bytes read so far, from the start of the header block.</param>
    /// <param name="scanned">Where the previous call stopped looking; updated, so a slow server's head is not scanned twice.</param>
    /// <returns>The index of the final CRLFCRLF, or -1 when it has not arrived yet.</returns>
    /// <exception cref="MalformedResponseException">A line ends in a bare LF.</exception>
    public static int FindEnd(ReadOnlySpan<byte> buffered, ref int scanned)
    {
        while (true)
        {
            var lf = buffered[scanned..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                scanned = buffered.Length;
                return -1;
            }

            lf += scanned;
            if (lf == 0 || buffered[lf - 1] != (byte)'\r')
            {
                throw BareLf();
            }

            scanned = lf + 1;
            if (lf >= 3 && buffered[(lf - 3)..(lf + 1)].SequenceEqual("\r\n\r\n"u8))
            {
                return lf - 3;
            }
        }
    }

    /// <summary>The exception for a line that ends in LF without CR (RFC 9112 §2.2 lets a client refuse it; Surge does).</summary>
    public static MalformedResponseException BareLf() =>
        new("A response line ends in a bare LF instead of CRLF; HTTP/1.1 framing needs CRLF.");

    /// <summary>Parses a header block (status line to the blank line, CRLF separated).</summary>
    /// <param name="block">The bytes up to and including the final CRLFCRLF.</param>
    /// <param name="collectHeaders">Whether to return every header (false: only framing is read); they are kept as bytes and made into strings when read (<see cref="ResponseHeaders"/>).</param>
    /// <exception cref="MalformedResponseException">The block is not a valid HTTP/1.x response head.</exception>
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
        var transferEncoding = false;
        var chunked = false;
        var keepAlive = !http10;
        var hasSetCookie = false;
        var headerLines = block[(lineEnd + 2)..];
        var rest = headerLines;
        while (NextHeader(ref rest, out var name, out var value))
        {
            if (name.EqualsIgnoreCase("Content-Length"u8))
            {
                contentLength = ParseContentLength(value, contentLength);
            }
            else if (name.EqualsIgnoreCase("Transfer-Encoding"u8))
            {
                // Several Transfer-Encoding lines form one list; the last coding decides the framing.
                transferEncoding = true;
                chunked = value.EndsWithIgnoreCase("chunked"u8);
            }
            else if (name.EqualsIgnoreCase("Connection"u8))
            {
                keepAlive = value.EqualsIgnoreCase("keep-alive"u8) || (!http10 && !value.EqualsIgnoreCase("close"u8));
            }
            else if (name.EqualsIgnoreCase("Set-Cookie"u8))
            {
                hasSetCookie = true;
            }
        }

        if (transferEncoding)
        {
            // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length (rule 3), and a response whose
            // final coding is not chunked lasts until the server closes the connection (rule 4). Both
            // headers together may be a response-splitting attempt, so the connection is not reused
            // after it, as the RFC asks of a server that receives such a request.
            keepAlive &= chunked && contentLength < 0;
            contentLength = -1;
        }

        return new ResponseHead(status, contentLength, chunked, keepAlive, collectHeaders ? new ResponseHeaders(headerLines.ToArray(), hasSetCookie) : NoHeaders);
    }

    /// <summary>
    /// Takes the next header line off <paramref name="rest"/> (lines ending in CRLF, up to the blank line): its name,
    /// and its value without the spaces and tabs around it (RFC 9110 OWS). False at the blank line or the end.
    /// </summary>
    /// <exception cref="MalformedResponseException">The line has no name before a colon.</exception>
    internal static bool NextHeader(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var end = rest.IndexOf("\r\n"u8);
        if (end <= 0)
        {
            name = value = default;
            return false;
        }

        var line = rest[..end];
        rest = rest[(end + 2)..];
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new MalformedResponseException("A response header line has no name.");
        }

        name = line[..colon];
        value = line[(colon + 1)..].Trim(" \t"u8);
        return true;
    }

    // RFC 9110 §8.6: the same length repeated ("5, 5" or two lines of 5) may be read as one; any
    // difference makes the framing unknowable (RFC 9112 §6.3 rule 5), so it is a protocol error.
    private static long ParseContentLength(ReadOnlySpan<byte> value, long seen)
    {
        foreach (var range in value.Split((byte)','))
        {
            var item = value[range].Trim(" \t"u8);
            if (!Utf8Parser.TryParse(item, out long length, out var used) || used != item.Length || length < 0)
            {
                throw new MalformedResponseException("The Content-Length header is not a number.");
            }

            if (seen >= 0 && length != seen)
            {
                throw new MalformedResponseException($"The response has two different Content-Length values ({seen} and {length}).");
            }

            seen = length;
        }

        return seen;
    }
}
