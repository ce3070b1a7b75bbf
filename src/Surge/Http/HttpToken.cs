using System.Buffers;

namespace Surge.Http;

/// <summary>
/// RFC 9110's token (section 5.6.2), what a method is made of: a method with a space or a control
/// character would change the meaning of the request line on the wire.
/// </summary>
internal static class HttpToken
{
    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "one word of letters, digits and !#$%&'*+-.^_`|~";

    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>True when <paramref name="text"/> is a token: not empty, and only token characters.</summary>
    public static bool IsToken(string text) => text.Length > 0 && !text.AsSpan().ContainsAnyExcept(TokenChars);
}
