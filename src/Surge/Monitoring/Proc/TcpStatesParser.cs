using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Reads <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>.</summary>
internal static class TcpStatesParser
{
    // The kernel's enum tcp_state (include/net/tcp_states.h), index = value of the hex 'st' column.
    private static readonly string?[] StateNames =
    [
        null,
        "ESTABLISHED",
        "SYN_SENT",
        "SYN_RECV",
        "FIN_WAIT1",
        "FIN_WAIT2",
        "TIME_WAIT",
        "CLOSE",
        "CLOSE_WAIT",
        "LAST_ACK",
        "LISTEN",
        "CLOSING",
    ];

    /// <summary>
    /// Adds the connections of one <c>/proc/net/tcp</c> or <c>/proc/net/tcp6</c> text to
    /// <paramref name="counts"/>, by state name; states the kernel keeps to itself are skipped.
    /// </summary>
    /// <exception cref="FormatException">A connection line is malformed.</exception>
    public static void AddCounts(string text, Dictionary<string, int> counts)
    {
        foreach (var line in text.Split('\n'))
        {
            // "   0: 00000000:07E8 00000000:0000 0A ..."; the header starts with "sl".
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || !fields[0].EndsWith(':'))
            {
                continue;
            }

            var state = int.Parse(fields[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (state < StateNames.Length && StateNames[state] is { } name)
            {
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }
    }
}
