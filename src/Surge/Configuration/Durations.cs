using System.Globalization;
using System.Text;

namespace Surge.Configuration;

/// <summary>Reads and writes durations the way k6 users type them: <c>10s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>.</summary>
internal static class Durations
{
    /// <summary>
    /// The longest duration Surge accepts, about 41 days: longer than any load test, and well inside
    /// what .NET's timers can wait for (about 49 days), so no run fails on a timer after it started.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1000);

    /// <summary>Parses a duration; a bare number means seconds.</summary>
    /// <returns>False, with a reason, when the text is not a duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = "";
        var input = text?.Trim() ?? "";
        if (input.Length == 0)
        {
            error = "a duration is empty; write it like 10s, 1m30s, 500ms or 1h";
            return false;
        }

        if (double.TryParse(input, NumberStyles.Float, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return Valid(bareSeconds * 1000, input, out duration, out error);
        }

        var total = 0.0;
        var i = 0;
        while (i < input.Length)
        {
            var numberStart = i;
            while (i < input.Length && (char.IsAsciiDigit(input[i]) || input[i] == '.'))
            {
                i++;
            }

            var unitStart = i;
            while (i < input.Length && char.IsAsciiLetter(input[i]))
            {
                i++;
            }

            if (!double.TryParse(input.AsSpan(numberStart, unitStart - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || UnitMillis(input[unitStart..i]) is not { } unit)
            {
                error = $"'{input}' is not a duration; write it like 10s, 1m30s, 500ms or 1h";
                return false;
            }

            total += value * unit;
        }

        return Valid(total, input, out duration, out error);
    }

    /// <summary>Parses a duration or throws <see cref="FormatException"/> with a message that says how to write one.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    // Checked on the number, before a TimeSpan is made of it: TimeSpan throws on NaN and on overflow.
    private static bool Valid(double millis, string input, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = millis switch
        {
            double.NaN => $"'{input}' is not a duration; write it like 10s, 1m30s, 500ms or 1h",
            < 0 => $"'{input}' is negative; a duration must be 0 or more",
            _ when millis > Longest.TotalMilliseconds => $"'{input}' is too long; a duration is at most {Longest.TotalHours:0}h (about 41 days)",
            _ => "",
        };
        if (error.Length > 0)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(millis);
        return true;
    }

    private static double? UnitMillis(string unit) => unit switch
    {
        "h" => 3_600_000,
        "m" => 60_000,
        "s" => 1000,
        "ms" => 1,
        "us" or "µs" => 0.001,
        _ => null,
    };

    /// <summary>Formats like k6: <c>10s</c>, <c>1m30s</c>, <c>1h0m0s</c>, <c>500ms</c>, <c>1.5s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        var text = new StringBuilder();
        if (duration.TotalHours >= 1)
        {
            text.Append((long)duration.TotalHours).Append('h');
        }

        if (duration.TotalMinutes >= 1)
        {
            text.Append(duration.Minutes).Append('m');
        }

        var seconds = duration.Seconds + (duration.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        return text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s').ToString();
    }
}
