using System.Collections;
using System.Text;

namespace Surge.Http;

/// <summary>
/// A response's headers, kept as the bytes they arrived in and made into strings when first read: most
/// scripts never look at them, and 16 strings and a list per response were most of what a script's request
/// allocated.
/// </summary>
/// <remarks>
/// The block was checked when the response was read (<see cref="ResponseHead.Parse"/>): every line has a name
/// and a colon. Names and values are Latin-1, each value without the spaces and tabs around it (RFC 9110 OWS), in the order
/// the server sent them.
/// </remarks>
internal sealed class ResponseHeaders : IReadOnlyList<KeyValuePair<string, string>>
{
    private byte[]? _lines;
    private KeyValuePair<string, string>[]? _parsed;

    /// <param name="lines">The header lines, each ending in CRLF, after the status line.</param>
    /// <param name="hasSetCookie">Whether one of them is a Set-Cookie header.</param>
    public ResponseHeaders(byte[] lines, bool hasSetCookie)
    {
        _lines = lines;
        HasSetCookie = hasSetCookie;
    }

    /// <summary>Whether a Set-Cookie header came: the cookie jar needs the strings only then.</summary>
    public bool HasSetCookie { get; }

    public int Count => Parsed.Length;

    public KeyValuePair<string, string> this[int index] => Parsed[index];

    private KeyValuePair<string, string>[] Parsed
    {
        get
        {
            var parsed = Volatile.Read(ref _parsed);
            if (parsed is null)
            {
                // The strings replace the bytes. Two threads reading at once may both parse (the same result); one that
                // finds the bytes gone finds the strings, which are set first.
                var lines = Volatile.Read(ref _lines);
                parsed = lines is null ? Volatile.Read(ref _parsed)! : Parse(lines);
                Volatile.Write(ref _parsed, parsed);
                Volatile.Write(ref _lines, null);
            }

            return parsed;
        }
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)Parsed).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static KeyValuePair<string, string>[] Parse(ReadOnlySpan<byte> rest)
    {
        var headers = new List<KeyValuePair<string, string>>(rest.Count((byte)'\n'));
        while (ResponseHead.NextHeader(ref rest, out var name, out var value))
        {
            headers.Add(new(Encoding.Latin1.GetString(name), Encoding.Latin1.GetString(value)));
        }

        return [.. headers];
    }
}
