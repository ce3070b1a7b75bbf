using Surge.Configuration;

namespace Surge.Execution.Executors;

/// <summary>One stage of a ramping executor: move linearly to <paramref name="Target"/> over <paramref name="Duration"/>.</summary>
/// <param name="Duration">How long the stage lasts.</param>
/// <param name="Target">VUs (ramping-vus) or iterations per time unit (ramping-arrival-rate) at the stage's end.</param>
public sealed record Stage(TimeSpan Duration, int Target)
{
    /// <summary>Parses k6's CLI form: <c>30s:100,1m:100,10s:0</c>.</summary>
    /// <exception cref="ConfigException">A stage is not <c>DURATION:TARGET</c>.</exception>
    public static IReadOnlyList<Stage> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stages = new List<Stage>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0
                || !Durations.TryParse(part[..colon], out var duration, out _)
                || !int.TryParse(part[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var target))
            {
                throw new ConfigException($"stage '{part}' needs the form DURATION:TARGET, e.g. 30s:100");
            }

            stages.Add(new Stage(duration, target));
        }

        return stages.Count > 0 ? stages : throw new ConfigException("--stage needs at least one DURATION:TARGET, e.g. 30s:100,1m:100,10s:0");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Durations.Format(Duration)}:{Target}";
}
