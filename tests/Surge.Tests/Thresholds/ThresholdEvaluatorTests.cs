using Surge.Metrics;
using Surge.Tests.Outcome;
using Surge.Thresholds;

namespace Surge.Tests.Thresholds;

public class ThresholdEvaluatorTests
{
    private static readonly IReadOnlyList<Metric> Known = new BuiltinMetrics(new MetricRegistry()).Registry.Metrics;

    [Fact]
    public void Validate_UnknownMetric_SaysDidYouMean()
    {
        var errors = ThresholdEvaluator.Validate([ThresholdParser.ParseSpec("http_req_duratoin:p(95)<5")], Known);

        Assert.Equal("threshold on unknown metric 'http_req_duratoin' (did you mean 'http_req_duration'?)", Assert.Single(errors));
    }

    [Fact]
    public void Validate_AggregationOfAnotherType_SaysWhichFit()
    {
        var errors = ThresholdEvaluator.Validate(
            [ThresholdParser.ParseSpec("http_req_duration:count>5"), ThresholdParser.ParseSpec("http_req_failed:avg<1")],
            Known);

        Assert.Equal(2, errors.Count);
        Assert.Contains("use avg, min, med, max or p(N)", errors[0], StringComparison.Ordinal);
        Assert.Contains("use rate", errors[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http_req_duration:p(99)<61", true)]
    [InlineData("http_req_duration:p(99)<59", false)]
    [InlineData("http_req_failed:rate<0.05", true)]
    [InlineData("http_req_failed:rate<0.01", false)]
    [InlineData("http_reqs:rate>=100", true)]
    [InlineData("http_reqs:count>1000", false)]
    [InlineData("http_req_duration{name:/fast}:max<2", true)]
    [InlineData("http_req_duration{name:/slow}:min<40", true)]
    [InlineData("http_req_duration{name:/slow,status:200}:min<40", false)]
    public void Evaluate_OnRunTotals_ComparesTheAggregatedValue(string spec, bool passes)
    {
        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.ParseSpec(spec)], SampleRun.Totals(), SampleRun.Duration));

        Assert.Equal(passes, result.Passed);
    }

    [Fact]
    public void Evaluate_ObservedValues_AreInThresholdUnits()
    {
        var results = ThresholdEvaluator.Evaluate(
            [GoalParser.Parse("tps>=2000"), GoalParser.Parse("errors<1%"), ThresholdParser.ParseSpec("http_req_duration{name:/fast}:avg<5")],
            SampleRun.Totals(),
            SampleRun.Duration);

        Assert.Equal(98, results[0].Observed); // TPS: successful responses (980 of 1,000) per second
        Assert.Equal(0.02, results[1].Observed, 9);
        Assert.InRange(results[2].Observed, 1.449, 1.451);
    }

    [Fact]
    public void Evaluate_TpsGoal_CountsOverTheLoadTime_AK6CounterRateOverTheRun()
    {
        var results = ThresholdEvaluator.Evaluate(
            [GoalParser.Parse("tps>=150"), ThresholdParser.ParseSpec("http_reqs:rate>150")],
            SampleRun.Totals(),
            SampleRun.Duration,
            loadTime: TimeSpan.FromSeconds(5));

        Assert.Equal(196, results[0].Observed);
        Assert.True(results[0].Passed);
        Assert.Equal(100, results[1].Observed); // k6's rate of a counter: per second of the whole run
        Assert.False(results[1].Passed);
    }

    [Theory]
    [InlineData("http_req_duration{name:/nowhere}:p(95)<1000")]
    [InlineData("http_req_duration{nmae:/fast}:avg<5")]
    [InlineData("http_req_failed{name:/nowhere}:rate<0.01")]
    public void Evaluate_NoSampleMatched_FailsAtTheEnd_ButNotWhileRunning(string spec)
    {
        var threshold = ThresholdParser.ParseSpec(spec);

        var end = Assert.Single(ThresholdEvaluator.Evaluate([threshold], SampleRun.Totals(), SampleRun.Duration));
        var meanwhile = Assert.Single(ThresholdEvaluator.Evaluate([threshold], SampleRun.Totals(), SampleRun.Duration, final: false));

        Assert.True(end.NoSamples);
        Assert.False(end.Passed);
        Assert.True(meanwhile.NoSamples);
        Assert.True(meanwhile.Passed);
    }

    [Theory]
    [InlineData("dropped_iterations:count==0")]
    [InlineData("dropped_iterations:rate<1")]
    [InlineData("iterations:count<10")]
    public void Evaluate_CounterThatNeverRecorded_IsZero_EvenAbsentFromTheTotals(string spec)
    {
        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.ParseSpec(spec)], SampleRun.Totals(), SampleRun.Duration));

        Assert.False(result.NoSamples);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Evaluate_CounterThatCountedNothing_IsZero_ARealValue()
    {
        var result = Assert.Single(ThresholdEvaluator.Evaluate([ThresholdParser.ParseSpec("http_reqs{name:/nowhere}:count<1")], SampleRun.Totals(), SampleRun.Duration));

        Assert.False(result.NoSamples);
        Assert.True(result.Passed);
    }
}
