using Surge.Execution;

namespace Surge.Outputs;

/// <summary>What an output learns when the test starts.</summary>
/// <param name="Plan">The plan being run.</param>
/// <param name="Time">Wall-clock start time.</param>
internal sealed record TestStart(TestPlan Plan, DateTimeOffset Time);
