using System.Globalization;

namespace Surge.Reports.Console;

/// <summary>Numbers as k6 prints them: <c>12.34ms</c>, <c>1.2s</c>, <c>519 kB</c>, <c>6.56/s</c>.</summary>
internal static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A duration given in milliseconds.</summary>
    public static string Time(double milliseconds) => milliseconds switch
    {
        0 => "0s",
        < 1 => (milliseconds * 1000).ToString("0.##", Invariant) + "µs",
        < 1000 => milliseconds.ToString("0.##", Invariant) + "ms",
        < 60_000 => (milliseconds / 1000).ToString("0.##", Invariant) + "s",
        _ => MinutesAndSeconds(milliseconds),
    };

    /// <summary>Rounded to a tenth of a second first, so 599.99 s is 10m0s, not 9m60s.</summary>
    private static string MinutesAndSeconds(double milliseconds)
    {
        var tenths = (long)Math.Round(milliseconds / 100);
        return $"{tenths / 600}m{(tenths % 600 / 10.0).ToString("0.#", Invariant)}s";
    }

    /// <summary>A byte count in SI units.</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        < 1000 => bytes.ToString("0", Invariant) + " B",
        < 1e6 => (bytes / 1e3).ToString("0.#", Invariant) + " kB",
        < 1e9 => (bytes / 1e6).ToString("0.#", Invariant) + " MB",
        _ => (bytes / 1e9).ToString("0.##", Invariant) + " GB",
    };

    /// <summary>
    /// Memory in binary units (<c>512 MiB</c>, <c>7.8 GiB</c>), as <c>top</c> and <c>free -h</c> show it,
    /// so a figure can be held against theirs; transfer amounts stay decimal, as k6 shows them.
    /// </summary>
    public static string Memory(double bytes) => bytes switch
    {
        < 1024 => bytes.ToString("0", Invariant) + " B",
        < 1024 * 1024 => (bytes / 1024).ToString("0.#", Invariant) + " KiB",
        < 1024 * 1024 * 1024 => (bytes / (1024 * 1024)).ToString("0.#", Invariant) + " MiB",
        _ => (bytes / (1024.0 * 1024 * 1024)).ToString("0.##", Invariant) + " GiB",
    };

    /// <summary>A plain number with up to <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals = 2) =>
        value.ToString("0." + new string('#', decimals), Invariant);

    /// <summary>A fraction as a percentage with two decimals.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", Invariant) + "%";

    /// <summary>Elapsed time as <c>01m05.0s</c>.</summary>
    public static string Clock(TimeSpan elapsed) =>
        $"{(int)elapsed.TotalMinutes:00}m{elapsed.Seconds:00}.{elapsed.Milliseconds / 100}s";
}
