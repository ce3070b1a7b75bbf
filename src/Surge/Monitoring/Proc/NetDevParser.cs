using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Reads <c>/proc/net/dev</c>.</summary>
internal static class NetDevParser
{
    private const string Loopback = "lo";

    /// <summary>
    /// Parses the text of <c>/proc/net/dev</c> into received (in) and sent (out) bytes per interface,
    /// loopback excluded: traffic to 127.0.0.1 never leaves the host.
    /// </summary>
    /// <exception cref="FormatException">An interface line is malformed.</exception>
    public static IReadOnlyDictionary<string, ByteCounters> Parse(string text)
    {
        var interfaces = new Dictionary<string, ByteCounters>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            // The two header lines have '|' where interface lines have the name's ':'.
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.Contains('|', StringComparison.Ordinal))
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (name == Loopback)
            {
                continue;
            }

            // Old kernels print "eth0:123" with no space once the counter grows, hence the split at ':' first.
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9)
            {
                throw new FormatException($"/proc/net/dev line for '{name}' has {fields.Length} columns, expected 16.");
            }

            interfaces[name] = new ByteCounters(Number(fields[0]), Number(fields[8]));
        }

        return interfaces;
    }

    private static long Number(string field) => long.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture);
}
