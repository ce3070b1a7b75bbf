using Surge.Configuration;
using Surge.Metrics;
using Surge.Thresholds;

namespace Surge.Tests.Thresholds;

public class ThresholdParserTests
{
    [Fact]
    public void ParseSpec_PercentileThreshold_ReadsMetricAggregationOperatorAndLimit()
    {
        var threshold = ThresholdParser.ParseSpec("http_req_duration:p(95)<800");

        Assert.Equal("http_req_duration", threshold.MetricName);
        Assert.Equal("p(95)", threshold.Aggregation);
        Assert.Equal(95, threshold.Percentile);
        Assert.Equal(ThresholdOperator.Less, threshold.Operator);
        Assert.Equal(800, threshold.Limit);
        Assert.Equal(TagSet.Empty, threshold.Filter);
        Assert.False(threshold.AbortOnFail);
    }

    [Fact]
    public void ParseSpec_TagFilterWithColonsAndSlashes_KeepsTheValueWhole()
    {
        var threshold = ThresholdParser.ParseSpec("http_req_duration{name:/api/x,method:GET}:p(99)<1500");

        Assert.Equal("/api/x", threshold.Filter["name"]);
        Assert.Equal("GET", threshold.Filter["method"]);
        Assert.Equal("http_req_duration{method:GET,name:/api/x}", threshold.MetricKey);
        Assert.Equal("p(99)<1500", threshold.Expression);
    }

    [Theory]
    [InlineData("http_req_failed:rate<0.01", "rate", ThresholdOperator.Less, 0.01)]
    [InlineData("http_reqs:count>=100", "count", ThresholdOperator.GreaterOrEqual, 100)]
    [InlineData("http_req_duration:avg <= 200", "avg", ThresholdOperator.LessOrEqual, 200)]
    [InlineData("vus:value==5", "value", ThresholdOperator.Equal, 5)]
    [InlineData("http_req_duration:p(99.9)>1", "p(99.9)", ThresholdOperator.Greater, 1)]
    [InlineData("iterations:count!=0", "count", ThresholdOperator.NotEqual, 0)]
    public void ParseSpec_EveryAggregationAndOperator_IsRead(string spec, string aggregation, ThresholdOperator op, double limit)
    {
        var threshold = ThresholdParser.ParseSpec(spec);

        Assert.Equal(aggregation, threshold.Aggregation);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(limit, threshold.Limit);
    }

    [Fact]
    public void ParseSpec_AbortOnFailAndDelay_AreRead()
    {
        var threshold = ThresholdParser.ParseSpec("http_req_failed:rate<0.01;abortOnFail;delayAbortEval=10s");

        Assert.True(threshold.AbortOnFail);
        Assert.Equal(TimeSpan.FromSeconds(10), threshold.DelayAbortEval);
    }

    [Theory]
    [InlineData("http_req_duration:p(101)<5", "from 0 to 100")]
    [InlineData("http_req_duration:p95<5", "AGGREGATION OPERATOR NUMBER")]
    [InlineData("http_req_duration", "METRIC:EXPRESSION")]
    [InlineData("http_req_duration:avg<abc", "AGGREGATION OPERATOR NUMBER")]
    [InlineData("http-req:avg<5", "not a metric name")]
    [InlineData("http_req_duration{name}:avg<5", "tag:value")]
    [InlineData("http_req_failed:rate<0.01;abortOnFial", "unknown option")]
    public void ParseSpec_Malformed_ThrowsConfigExceptionSayingWhatToFix(string spec, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ThresholdParser.ParseSpec(spec));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ThresholdOperator.Less, 5, true)]
    [InlineData(ThresholdOperator.Less, 10, false)]
    [InlineData(ThresholdOperator.LessOrEqual, 10, true)]
    [InlineData(ThresholdOperator.Greater, 11, true)]
    [InlineData(ThresholdOperator.GreaterOrEqual, 9, false)]
    [InlineData(ThresholdOperator.Equal, 10, true)]
    [InlineData(ThresholdOperator.NotEqual, 10, false)]
    public void IsMet_ComparesObservedWithLimit(ThresholdOperator op, double observed, bool expected)
    {
        var threshold = new ThresholdDefinition { MetricName = "m", Aggregation = "avg", Operator = op, Limit = 10 };
        Assert.Equal(expected, threshold.IsMet(observed));
    }
}
