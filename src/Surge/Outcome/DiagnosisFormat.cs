using System.Globalization;

namespace Surge.Outcome;

/// <summary>Numbers, times and sizes of the diagnosis text: the same in every language.</summary>
internal static class DiagnosisFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count or rate: <c>1,840</c>; below 10 with one decimal.</summary>
    public static string Number(double value) =>
        Math.Abs(value) < 10 && value != Math.Floor(value) ? value.ToString("0.#", Invariant) : value.ToString("N0", Invariant);

    /// <summary>Cores, as a quota is given: <c>0.25</c>, <c>1.5</c>, <c>4</c>.</summary>
    public static string Cores(double value) => value.ToString("0.##", Invariant);

    /// <summary>A percentage of 0–100: <c>97</c>.</summary>
    public static string Percent(double value) => value.ToString("0", Invariant);

    /// <summary>A time since the start of the test: <c>00:14</c>, <c>1:02:03</c>.</summary>
    public static string Clock(TimeSpan elapsed)
    {
        var seconds = (long)Math.Floor(elapsed.TotalSeconds);
        return seconds >= 3600
            ? string.Create(Invariant, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}")
            : string.Create(Invariant, $"{seconds / 60:00}:{seconds % 60:00}");
    }

    /// <summary>A latency: <c>910 ms</c>, <c>12.5 ms</c>, <c>1.24 s</c>.</summary>
    public static string Millis(double ms) => ms switch
    {
        >= 1000 => (ms / 1000).ToString("0.##", Invariant) + " s",
        >= 100 => ms.ToString("0", Invariant) + " ms",
        >= 1 => ms.ToString("0.#", Invariant) + " ms",
        _ => ms.ToString("0.###", Invariant) + " ms",
    };

    /// <summary>A size in bytes: <c>7.8 GiB</c>.</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (Math.Abs(bytes) >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString(unit == 0 ? "0" : "0.#", Invariant) + " " + units[unit];
    }

    /// <summary>A link speed from bytes per second: <c>1 Gbit/s</c>, <c>100 Mbit/s</c>.</summary>
    public static string Link(double bytesPerSecond)
    {
        var bits = bytesPerSecond * 8;
        return bits >= 1e9 ? (bits / 1e9).ToString("0.#", Invariant) + " Gbit/s" : (bits / 1e6).ToString("0", Invariant) + " Mbit/s";
    }

    /// <summary>A rate of bytes: <c>117.3 MB/s</c> without the <c>/s</c> (the text adds it).</summary>
    public static string Rate(double bytesPerSecond) =>
        bytesPerSecond >= 1e9 ? (bytesPerSecond / 1e9).ToString("0.##", Invariant) + " GB"
        : bytesPerSecond >= 1e6 ? (bytesPerSecond / 1e6).ToString("0.#", Invariant) + " MB"
        : (bytesPerSecond / 1e3).ToString("0.#", Invariant) + " kB";
}
