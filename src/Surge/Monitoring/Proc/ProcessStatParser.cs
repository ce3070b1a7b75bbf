using System.Globalization;

namespace Surge.Monitoring.Proc;

/// <summary>Reads <c>/proc/[pid]/stat</c>.</summary>
internal static class ProcessStatParser
{
    // Field numbers as proc(5) gives them; after the comm, field 3 (state) is the first one.
    private const int FirstAfterComm = 3;
    private const int UTime = 14;
    private const int STime = 15;
    private const int NumThreads = 20;
    private const int StartTime = 22;

    /// <summary>Parses the text of <c>/proc/[pid]/stat</c>.</summary>
    /// <exception cref="FormatException">The text is not a stat line.</exception>
    public static ProcessStat Parse(string text)
    {
        // The comm may hold spaces and ')' ("(my) app)"), but nothing after it can, so the last ')' ends it.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            throw new FormatException($"'{text.Trim()}' is not a /proc/[pid]/stat line.");
        }

        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= StartTime - FirstAfterComm)
        {
            throw new FormatException($"/proc/[pid]/stat line has {fields.Length + 2} fields, expected at least {StartTime}.");
        }

        long Field(int number) =>
            long.Parse(fields[number - FirstAfterComm], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        return new ProcessStat(
            Pid: int.Parse(text.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture),
            Comm: text[(open + 1)..close],
            CpuTicks: Field(UTime) + Field(STime),
            Threads: (int)Field(NumThreads),
            StartTicks: Field(StartTime));
    }
}
