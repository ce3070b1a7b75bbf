using System.Globalization;
using System.Text.RegularExpressions;
using Surge.Configuration;
using Surge.Metrics;

namespace Surge.Thresholds;

/// <summary>Parses k6 threshold syntax: <c>http_req_duration{name:/api}:p(95)&lt;800</c>.</summary>
internal static partial class ThresholdParser
{
    /// <summary>
    /// Parses a CLI threshold: <c>METRIC[{tag:value,...}]:EXPRESSION</c>, optionally followed by
    /// <c>;abortOnFail</c> and <c>;delayAbortEval=10s</c>.
    /// </summary>
    /// <exception cref="ConfigException">The text is not a threshold; the message says why.</exception>
    public static ThresholdDefinition ParseSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(';', StringSplitOptions.TrimEntries);
        var main = parts[0];
        var braceEnd = main.IndexOf('}', StringComparison.Ordinal);
        var colon = main.IndexOf(':', braceEnd < 0 ? 0 : braceEnd);
        if (colon <= 0)
        {
            throw new ConfigException($"threshold '{spec}' needs the form METRIC:EXPRESSION, e.g. 'http_req_duration:p(95)<800'");
        }

        var abortOnFail = false;
        var delay = TimeSpan.Zero;
        foreach (var option in parts.Skip(1))
        {
            if (option.Equals("abortOnFail", StringComparison.OrdinalIgnoreCase))
            {
                abortOnFail = true;
            }
            else if (option.StartsWith("delayAbortEval=", StringComparison.OrdinalIgnoreCase))
            {
                delay = Durations.TryParse(option["delayAbortEval=".Length..], out var d, out var error)
                    ? d
                    : throw new ConfigException($"threshold '{spec}': {error}");
            }
            else
            {
                throw new ConfigException($"threshold '{spec}': unknown option '{option}'; use ;abortOnFail or ;delayAbortEval=10s");
            }
        }

        return Parse(main[..colon], main[(colon + 1)..], abortOnFail, delay);
    }

    /// <summary>Parses a metric key and an expression, as in a k6 <c>thresholds</c> object.</summary>
    /// <exception cref="ConfigException">Either part is malformed.</exception>
    public static ThresholdDefinition Parse(string metricKey, string expression, bool abortOnFail = false, TimeSpan delayAbortEval = default)
    {
        ArgumentNullException.ThrowIfNull(metricKey);
        ArgumentNullException.ThrowIfNull(expression);
        var (name, filter) = ParseMetricKey(metricKey.Trim());
        var match = ExpressionPattern().Match(expression);
        if (!match.Success)
        {
            throw new ConfigException(
                $"threshold expression '{expression}' is not AGGREGATION OPERATOR NUMBER, e.g. 'p(95)<800', 'avg<200', 'rate<0.01', 'count>100'");
        }

        var aggregation = match.Groups["agg"].Value;
        double? percentile = null;
        if (match.Groups["pct"].Success)
        {
            var pct = double.Parse(match.Groups["pct"].Value, CultureInfo.InvariantCulture);
            if (pct is < 0 or > 100 || double.IsNaN(pct))
            {
                throw new ConfigException($"threshold '{expression}': the percentile in p(N) must be from 0 to 100, not {match.Groups["pct"].Value}");
            }

            percentile = pct;
            aggregation = $"p({match.Groups["pct"].Value})";
        }

        return new ThresholdDefinition
        {
            MetricName = name,
            Filter = filter,
            Aggregation = aggregation,
            Percentile = percentile,
            Operator = ParseOperator(match.Groups["op"].Value),
            Limit = double.Parse(match.Groups["limit"].Value, CultureInfo.InvariantCulture),
            AbortOnFail = abortOnFail,
            DelayAbortEval = delayAbortEval,
        };
    }

    private static (string Name, TagSet Filter) ParseMetricKey(string key)
    {
        var brace = key.IndexOf('{', StringComparison.Ordinal);
        var name = brace < 0 ? key : key[..brace].Trim();
        if (!MetricNamePattern().IsMatch(name))
        {
            throw new ConfigException($"'{name}' is not a metric name; use letters, digits and _, e.g. http_req_duration");
        }

        if (brace < 0)
        {
            return (name, TagSet.Empty);
        }

        if (!key.EndsWith('}'))
        {
            throw new ConfigException($"'{key}': a tag filter must end with '}}', e.g. http_req_duration{{name:/api}}");
        }

        var tags = new List<KeyValuePair<string, string>>();
        foreach (var pair in key[(brace + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new ConfigException($"'{key}': tag filter '{pair}' needs the form tag:value");
            }

            tags.Add(new(pair[..colon].Trim(), pair[(colon + 1)..].Trim()));
        }

        return (name, TagSet.From(tags));
    }

    private static ThresholdOperator ParseOperator(string text) => text switch
    {
        "<" => ThresholdOperator.Less,
        "<=" => ThresholdOperator.LessOrEqual,
        ">" => ThresholdOperator.Greater,
        ">=" => ThresholdOperator.GreaterOrEqual,
        "==" or "===" => ThresholdOperator.Equal,
        _ => ThresholdOperator.NotEqual,
    };

    [GeneratedRegex(@"^\s*(?<agg>avg|min|max|med|count|rate|value|p\(\s*(?<pct>-?[0-9]+(\.[0-9]+)?)\s*\))\s*(?<op><=|>=|===|==|!=|<|>)\s*(?<limit>-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)\s*$")]
    private static partial Regex ExpressionPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex MetricNamePattern();
}
