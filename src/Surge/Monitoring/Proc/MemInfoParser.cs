using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Reads <c>/proc/meminfo</c>.</summary>
internal static class MemInfoParser
{
    private const long BytesPerKibibyte = 1024;

    /// <summary>Parses the text of <c>/proc/meminfo</c>.</summary>
    /// <exception cref="FormatException">MemTotal is missing or not a number.</exception>
    public static MemInfo Parse(string text)
    {
        var kibibytes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            // "MemTotal:       24684092 kB"; a few counters (HugePages_Total) carry no unit.
            var value = line[(colon + 1)..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal))
            {
                value = value[..^3].TrimEnd();
            }

            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                kibibytes[line[..colon]] = number;
            }
        }

        long Get(string key) => kibibytes.TryGetValue(key, out var value) ? value : 0;

        if (!kibibytes.TryGetValue("MemTotal", out var total))
        {
            throw new FormatException("/proc/meminfo has no MemTotal.");
        }

        // MemAvailable came with Linux 3.14; before it, free + buffers + page cache is the usual estimate.
        var available = kibibytes.TryGetValue("MemAvailable", out var reported)
            ? reported
            : Get("MemFree") + Get("Buffers") + Get("Cached");

        return new MemInfo(
            total * BytesPerKibibyte,
            available * BytesPerKibibyte,
            Get("SwapTotal") * BytesPerKibibyte,
            Get("SwapFree") * BytesPerKibibyte);
    }
}
