namespace Surge.Http;

/// <summary>Case-insensitive comparisons of ASCII header bytes, without decoding them.</summary>
internal static class AsciiSpans
{
    public static bool EqualsIgnoreCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> other) =>
        System.Text.Ascii.EqualsIgnoreCase(span, other);

    public static bool EndsWithIgnoreCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> suffix) =>
        span.Length >= suffix.Length && System.Text.Ascii.EqualsIgnoreCase(span[^suffix.Length..], suffix);
}
