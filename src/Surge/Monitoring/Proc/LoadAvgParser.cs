using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Reads <c>/proc/loadavg</c>.</summary>
internal static class LoadAvgParser
{
    /// <summary>Parses the text of <c>/proc/loadavg</c> into the load averages over 1, 5 and 15 minutes.</summary>
    /// <exception cref="FormatException">The text does not start with three numbers.</exception>
    public static IReadOnlyList<double> Parse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            throw new FormatException($"/proc/loadavg '{text.Trim()}' has fewer than three load averages.");
        }

        return [Number(fields[0]), Number(fields[1]), Number(fields[2])];
    }

    private static double Number(string field) =>
        double.Parse(field, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
