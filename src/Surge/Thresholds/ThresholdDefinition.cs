using System.Globalization;
using Surge.Metrics;

namespace Surge.Thresholds;

/// <summary>
/// One pass/fail criterion on a metric or sub-metric, in k6's terms:
/// <c>http_req_duration{name:/api}</c> + <c>p(95) &lt; 800</c>.
/// </summary>
internal sealed record ThresholdDefinition
{
    /// <summary>The metric's name.</summary>
    public required string MetricName { get; init; }

    /// <summary>Tags a series must have to count (a k6 sub-metric); empty for the whole metric.</summary>
    public TagSet Filter { get; init; } = TagSet.Empty;

    /// <summary>The aggregation: <c>avg</c>, <c>min</c>, <c>max</c>, <c>med</c>, <c>p(N)</c>, <c>count</c>, <c>rate</c> or <c>value</c>.</summary>
    public required string Aggregation { get; init; }

    /// <summary>For <c>p(N)</c>: N.</summary>
    public double? Percentile { get; init; }

    /// <summary>The comparison.</summary>
    public required ThresholdOperator Operator { get; init; }

    /// <summary>The number compared against (milliseconds for time trends, a fraction for rates).</summary>
    public required double Limit { get; init; }

    /// <summary>Stop the test as soon as this threshold fails.</summary>
    public bool AbortOnFail { get; init; }

    /// <summary>With <see cref="AbortOnFail"/>: do not abort before this much of the test has run.</summary>
    public TimeSpan DelayAbortEval { get; init; }

    /// <summary>The goal this threshold came from, in the user's words (<c>tps&gt;=2000</c>); null for a plain threshold.</summary>
    public string? Goal { get; init; }

    /// <summary>The metric key as k6 writes it: <c>http_req_duration{name:/api}</c>.</summary>
    public string MetricKey => Filter.Count == 0 ? MetricName : MetricName + Filter.ToString().Replace(", ", ",", StringComparison.Ordinal);

    /// <summary>The expression as k6 writes it: <c>p(95)&lt;800</c>.</summary>
    public string Expression => Aggregation + OperatorText(Operator) + Limit.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="observed"/> satisfies the threshold.</summary>
    public bool IsMet(double observed) => Operator switch
    {
        ThresholdOperator.Less => observed < Limit,
        ThresholdOperator.LessOrEqual => observed <= Limit,
        ThresholdOperator.Greater => observed > Limit,
        ThresholdOperator.GreaterOrEqual => observed >= Limit,
        ThresholdOperator.Equal => observed == Limit,
        _ => observed != Limit,
    };

    /// <summary>The operator's text.</summary>
    public static string OperatorText(ThresholdOperator op) => op switch
    {
        ThresholdOperator.Less => "<",
        ThresholdOperator.LessOrEqual => "<=",
        ThresholdOperator.Greater => ">",
        ThresholdOperator.GreaterOrEqual => ">=",
        ThresholdOperator.Equal => "==",
        _ => "!=",
    };
}
