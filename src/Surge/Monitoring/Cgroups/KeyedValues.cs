using System.Globalization;

namespace Surge.Monitoring.Cgroups;

/// <summary>Reads the <c>key value</c> lines of <c>cpu.stat</c>, <c>memory.stat</c> and the like.</summary>
internal static class KeyedValues
{
    /// <summary>Each key with its whole-number value; lines of another shape are skipped.</summary>
    public static Dictionary<string, long> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                values[fields[0]] = value;
            }
        }

        return values;
    }
}
