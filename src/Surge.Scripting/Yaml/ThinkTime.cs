using Surge.Configuration;
using Surge.Execution;

namespace Surge.Scripting.Yaml;

/// <summary>
/// A step's <c>think:</c> pause after its request: a fixed duration (<c>1s</c>) or a range
/// (<c>1s-3s</c>) from which each pause is drawn at random.
/// </summary>
/// <param name="Min">The shortest pause.</param>
/// <param name="Max">The longest pause (equal to <paramref name="Min"/> for a fixed one).</param>
internal readonly record struct ThinkTime(TimeSpan Min, TimeSpan Max)
{
    /// <summary>Parses <c>1s</c> or <c>1s-3s</c>.</summary>
    /// <returns>False, with a reason, when the text is neither.</returns>
    public static bool TryParse(string text, out ThinkTime think, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        think = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length > 2)
        {
            error = $"'{text}' is neither a duration (1s) nor a range (1s-3s)";
            return false;
        }

        if (!Durations.TryParse(parts[0], out var min, out error))
        {
            return false;
        }

        var max = min;
        if (parts.Length == 2 && !Durations.TryParse(parts[1], out max, out error))
        {
            return false;
        }

        if (max < min)
        {
            error = $"the range '{text}' ends before it starts; write the shorter pause first";
            return false;
        }

        think = new ThinkTime(min, max);
        return true;
    }

    /// <summary>Pauses the VU.</summary>
    public Task SleepAsync(Vu vu)
    {
        ArgumentNullException.ThrowIfNull(vu);
        return Min == Max ? vu.SleepAsync(Min) : vu.SleepAsync(Min.TotalSeconds, Max.TotalSeconds);
    }
}
