using System.Globalization;

namespace Surge.Configuration;

/// <summary>Reads sizes the way people write them: <c>65536</c>, <c>512KiB</c>, <c>64MiB</c>, <c>10MB</c>, <c>1GB</c>.</summary>
/// <remarks>
/// KiB, MiB and GiB are powers of 1024; kB, MB and GB powers of 1000, as the SI prefixes mean.
/// Units are case-insensitive and a bare number means bytes.
/// </remarks>
internal static class ByteSizes
{
    /// <summary>Parses a size into whole bytes (a fraction of a byte is dropped).</summary>
    /// <returns>False, with a reason, when the text is not a size.</returns>
    public static bool TryParse(string? text, out long bytes, out string error)
    {
        bytes = 0;
        error = "";
        var input = text?.Trim() ?? "";
        var unitStart = input.Length;
        while (unitStart > 0 && char.IsAsciiLetter(input[unitStart - 1]))
        {
            unitStart--;
        }

        if (!double.TryParse(input.AsSpan(0, unitStart).TrimEnd(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || UnitBytes(input[unitStart..]) is not { } unit)
        {
            error = $"'{input}' is not a size; write it like 65536 (bytes), 512KiB, 64MiB or 10MB";
            return false;
        }

        var total = value * unit;
        if (total >= long.MaxValue)
        {
            error = $"'{input}' is too large a size";
            return false;
        }

        bytes = (long)total;
        return true;
    }

    private static double? UnitBytes(string unit) => unit.ToUpperInvariant() switch
    {
        "" or "B" => 1,
        "KB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "KIB" => 1024,
        "MIB" => 1024 * 1024,
        "GIB" => 1024 * 1024 * 1024,
        _ => null,
    };
}
