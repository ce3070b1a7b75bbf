using Surge.Configuration;
using Surge.Thresholds;

namespace Surge.Tests.Thresholds;

public class GoalParserTests
{
    [Theory]
    [InlineData("tps>=2000", "http_reqs", "rate", ThresholdOperator.GreaterOrEqual, 2000)]
    [InlineData("rps > 150", "http_reqs", "rate", ThresholdOperator.Greater, 150)]
    [InlineData("avg<800ms", "http_req_duration", "avg", ThresholdOperator.Less, 800)]
    [InlineData("p95<1s", "http_req_duration", "p(95)", ThresholdOperator.Less, 1000)]
    [InlineData("p99.9<2s", "http_req_duration", "p(99.9)", ThresholdOperator.Less, 2000)]
    [InlineData("med<=120", "http_req_duration", "med", ThresholdOperator.LessOrEqual, 120)]
    [InlineData("max<1.5s", "http_req_duration", "max", ThresholdOperator.Less, 1500)]
    [InlineData("errors<1%", "http_req_failed", "rate", ThresholdOperator.Less, 0.01)]
    [InlineData("errors<0.05", "http_req_failed", "rate", ThresholdOperator.Less, 0.05)]
    public void Parse_GoalInUsersWords_BecomesK6Threshold(string goal, string metric, string aggregation, ThresholdOperator op, double limit)
    {
        var threshold = GoalParser.Parse(goal);

        Assert.Equal(metric, threshold.MetricName);
        Assert.Equal(aggregation, threshold.Aggregation);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(limit, threshold.Limit, 9);
        Assert.Equal(goal.Replace(" ", ""), threshold.Goal);
    }

    [Theory]
    [InlineData("tps>=lots")]
    [InlineData("latency<800ms")]
    [InlineData("avg<800kg")]
    [InlineData("errors<5")]
    [InlineData("errors<1")]
    [InlineData("tps>=2000ms")]
    public void Parse_NotAGoal_ThrowsWithTheGoalsThatExist(string goal)
    {
        var error = Assert.Throws<ConfigException>(() => GoalParser.Parse(goal));
        Assert.Contains(goal, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("errors<150%")]
    [InlineData("errors<=100.5%")]
    public void Parse_ErrorRateAbove100Percent_IsRefused(string goal)
    {
        var error = Assert.Throws<ConfigException>(() => GoalParser.Parse(goal));

        Assert.Equal($"goal '{goal}': an error rate is at most 100%; write a percentage from 0% to 100%, e.g. errors<1%", error.Message);
    }

    [Fact]
    public void Parse_ErrorRateOf100Percent_IsAccepted() =>
        Assert.Equal(1, GoalParser.Parse("errors<=100%").Limit);
}
