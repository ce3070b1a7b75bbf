using System.Globalization;
using System.Text.RegularExpressions;
using Surge.Configuration;

namespace Surge.Thresholds;

/// <summary>
/// Goals in the words of the people who set them — <c>tps&gt;=2000</c>, <c>avg&lt;800ms</c>,
/// <c>p95&lt;1s</c>, <c>errors&lt;1%</c> — turned into k6 thresholds.
/// </summary>
internal static partial class GoalParser
{
    /// <summary>The goal names understood, for help texts.</summary>
    public const string Help = "tps>=N (or rps), avg|med|min|max|p90|p95|p99|p99.9<TIME (ms, s; bare numbers are ms), errors<N% (or a fraction)";

    /// <summary>Parses one goal.</summary>
    /// <exception cref="ConfigException">The goal is not understood; the message lists what is.</exception>
    public static ThresholdDefinition Parse(string goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var match = GoalPattern().Match(goal);
        if (!match.Success)
        {
            throw new ConfigException($"goal '{goal}' is not understood; write {Help}");
        }

        var subject = match.Groups["subject"].Value.ToLowerInvariant();
        var op = match.Groups["op"].Value;
        var number = double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var (metric, aggregation, limit) = subject switch
        {
            // TPS is what the server got done: successful responses per second of load, not attempts.
            "tps" or "rps" => Unitless("http_reqs{expected_response:true}", "rate", number, unit, goal),
            "errors" or "error" or "error_rate" => ("http_req_failed", "rate", Fraction(number, unit, goal)),
            _ => ("http_req_duration", Aggregation(subject), Millis(number, unit, goal)),
        };
        var threshold = ThresholdParser.Parse(metric, $"{aggregation}{op}{limit.ToString("R", CultureInfo.InvariantCulture)}");
        return threshold with { Goal = goal.Replace(" ", "", StringComparison.Ordinal) };
    }

    private static (string, string, double) Unitless(string metric, string aggregation, double number, string unit, string goal) =>
        unit.Length == 0 || unit == "/s"
            ? (metric, aggregation, number)
            : throw new ConfigException($"goal '{goal}': throughput is a plain number of requests per second, e.g. tps>=2000");

    private static string Aggregation(string subject) => subject switch
    {
        "avg" or "mean" => "avg",
        "med" or "median" or "p50" => "med",
        "min" => "min",
        "max" => "max",
        _ => $"p({subject[1..]})",
    };

    private static double Fraction(double number, string unit, string goal) => unit switch
    {
        "%" when number <= 100 => number / 100,
        "%" => throw new ConfigException($"goal '{goal}': an error rate is at most 100%; write a percentage from 0% to 100%, e.g. errors<1%"),
        "" when number < 1 => number, // a bare 1 is more likely 1 % than "any error rate"
        _ => throw new ConfigException($"goal '{goal}': write the error rate as a percentage (errors<1%) or a fraction (errors<0.01)"),
    };

    private static double Millis(double number, string unit, string goal) => unit switch
    {
        "" or "ms" => number,
        "s" => number * 1000,
        "us" or "µs" => number / 1000,
        "m" => number * 60_000,
        _ => throw new ConfigException($"goal '{goal}': latency units are ms or s, e.g. avg<800ms or p95<1s"),
    };

    [GeneratedRegex(@"^\s*(?<subject>tps|rps|errors|error|error_rate|avg|mean|med|median|min|max|p[0-9]+(\.[0-9]+)?)\s*(?<op><=|>=|<|>)\s*(?<number>[0-9]+(\.[0-9]+)?)\s*(?<unit>ms|us|µs|s|m|%|/s)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GoalPattern();
}
