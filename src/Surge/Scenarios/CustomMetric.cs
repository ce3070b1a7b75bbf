using System.Text.RegularExpressions;
using Surge.Execution;
using Surge.Metrics;

namespace Surge.Scenarios;

/// <summary>
/// A metric of the script's own (k6's custom metrics): declared once, usually as a field of the test
/// class, recorded from exec functions, shown in the summary and usable in thresholds.
/// </summary>
/// <remarks>
/// Samples carry the tags of the VU that records them (scenario, group) plus any given. Recording
/// outside a VU (in a static constructor, on another thread) throws, as there is no test to record into.
/// </remarks>
public abstract partial class CustomMetric
{
    private protected CustomMetric(string name, MetricType type, MetricContains contains)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name: use letters, digits and _, starting with a letter or _, at most 128 characters.", nameof(name));
        }

        Name = name;
        Type = type;
        Contains = contains;
        Definition = new MetricDefinition(name, type, contains);
    }

    /// <summary>The metric's name, as used in thresholds.</summary>
    public string Name { get; }

    /// <summary>Counter, gauge, rate or trend.</summary>
    public MetricType Type { get; }

    /// <summary>What the values are: plain numbers, times (ms) or data (bytes).</summary>
    public MetricContains Contains { get; }

    /// <summary>What the engine registers for this metric.</summary>
    internal MetricDefinition Definition { get; }

    private protected void Record(double value, IReadOnlyDictionary<string, string>? tags)
    {
        // NaN or ∞ (a ratio divided by zero) has no place in a sum or a JSON number: the iteration says so.
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Metric '{Name}' takes finite numbers; got {value}.");
        }

        var vu = Vu.Current ?? throw new InvalidOperationException(
            $"Metric '{Name}' was recorded outside a VU; record custom metrics from an exec function, Setup or Teardown.");
        vu.Record(Definition, value, tags);
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]{0,127}$")]
    private static partial Regex NamePattern();
}
