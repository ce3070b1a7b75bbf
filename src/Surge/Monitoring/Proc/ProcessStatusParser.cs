using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Reads <c>/proc/[pid]/status</c>.</summary>
internal static class ProcessStatusParser
{
    private const string RssKey = "VmRSS:";

    /// <summary>The resident set size (VmRSS) in bytes; null for kernel threads, which have no memory of their own.</summary>
    /// <exception cref="FormatException">The VmRSS line is malformed.</exception>
    public static long? ParseRssBytes(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(RssKey, StringComparison.Ordinal))
            {
                continue;
            }

            // "VmRSS:	    1988 kB"
            var value = line[RssKey.Length..].Trim();
            if (!value.EndsWith(" kB", StringComparison.Ordinal))
            {
                throw new FormatException($"'{line}' is not in kB.");
            }

            return long.Parse(value[..^3].TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
        }

        return null;
    }
}
