using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Reads the CPU times of <c>/proc/stat</c>.</summary>
internal static class StatParser
{
    /// <summary>Parses the text of <c>/proc/stat</c>.</summary>
    /// <exception cref="FormatException">There is no <c>cpu</c> line, or a CPU line is malformed.</exception>
    public static CpuStat Parse(string text)
    {
        CpuTimes? all = null;
        var cores = new List<CpuTimes>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var times = ParseTimes(fields);
            if (fields[0] == "cpu")
            {
                all = times;
            }
            else
            {
                cores.Add(times);
            }
        }

        return new CpuStat(all ?? throw new FormatException("/proc/stat has no 'cpu' line."), cores);
    }

    private static CpuTimes ParseTimes(string[] fields)
    {
        // Kernels before 2.6.11 stop before steal. The guest columns after steal are already
        // counted in user and nice, so adding them would count that time twice.
        if (fields.Length < 5)
        {
            throw new FormatException($"/proc/stat line '{string.Join(' ', fields)}' has too few columns.");
        }

        return new CpuTimes(
            User: Column(fields, 1),
            Nice: Column(fields, 2),
            System: Column(fields, 3),
            Idle: Column(fields, 4),
            IoWait: Column(fields, 5),
            Irq: Column(fields, 6),
            SoftIrq: Column(fields, 7),
            Steal: Column(fields, 8));
    }

    private static long Column(string[] fields, int index) =>
        index < fields.Length ? long.Parse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
}
