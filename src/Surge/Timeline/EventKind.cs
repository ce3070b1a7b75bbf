namespace Surge.Timeline;

/// <summary>What kind of moment a <see cref="TestEvent"/> records; each has one name in the results file.</summary>
internal enum EventKind
{
    /// <summary>A threshold or goal was crossed while the test ran (<c>threshold_failed</c>).</summary>
    ThresholdFailed,

    /// <summary>The test was aborted: abortOnFail or the script's <c>Abort()</c> (<c>aborted</c>).</summary>
    Aborted,

    /// <summary>Setup or Teardown threw (<c>script_error</c>).</summary>
    ScriptError,

    /// <summary>The script called <c>Fail()</c> (<c>marked_failed</c>).</summary>
    MarkedFailed,

    /// <summary>An open-model iteration found no free VU (<c>dropped_iterations</c>).</summary>
    DroppedIterations,

    /// <summary>VUs did not stop when interrupted, as their code blocks its thread; the test went on without them (<c>vus_abandoned</c>).</summary>
    VusAbandoned,

    /// <summary>A trend got a value outside what its histogram holds (<c>metric_out_of_range</c>).</summary>
    MetricOutOfRange,

    /// <summary>A monitor could not take its sample, or recovered (<c>monitor</c>).</summary>
    Monitor,

    /// <summary>The load generator became the limit of the results (<c>generator_limited</c>).</summary>
    GeneratorLimited,

    /// <summary>The load generator has capacity again (<c>generator_recovered</c>).</summary>
    GeneratorRecovered,

    /// <summary>One of a distributed test's generators stopped sending its seconds (<c>generator_lost</c>).</summary>
    GeneratorLost,

    /// <summary>A generator joined a distributed test (<c>generator_joined</c>).</summary>
    GeneratorJoined,
}
