using System.Globalization;

namespace Surge.Monitoring.Cgroups;

/// <summary>Reads a kernel CPU list, such as <c>cpuset.cpus.effective</c>: <c>0-3,8,10-11</c>.</summary>
internal static class CpuList
{
    /// <summary>How many CPUs the list names; null when it is empty or not such a list.</summary>
    public static int? Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var range in text.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = range.Split('-');
            if (bounds.Length is < 1 or > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first)
            {
                return null;
            }

            count += last - first + 1;
        }

        return count == 0 ? null : count;
    }
}
