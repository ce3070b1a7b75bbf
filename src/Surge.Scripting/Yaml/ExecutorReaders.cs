using Surge.Execution.Executors;

using Surge.Plan;

namespace Surge.Scripting.Yaml;

/// <summary>
/// The executors a YAML scenario can name in <c>executor:</c>, by k6 name. A new executor is one
/// more entry: its keys and how they make its options.
/// </summary>
internal static class ExecutorReaders
{
    /// <summary>The readers by executor name.</summary>
    public static IReadOnlyDictionary<string, ExecutorReader> ByName { get; } = new Dictionary<string, ExecutorReader>(StringComparer.Ordinal)
    {
        // constant-vus: vus (default 1) and duration (required).
        ["constant-vus"] = new(["vus", "duration"], map => new ConstantVusOptions
        {
            Vus = map.WholeNumber("vus", minimum: 1) ?? 1,
            Duration = map.Duration("duration") ?? throw map.Missing("a constant-vus scenario needs a 'duration', e.g. duration: 30s"),
        }),

        // shared-iterations: vus (1), iterations (1) across all VUs, maxDuration (10m).
        ["shared-iterations"] = new(["vus", "iterations", "maxDuration"], map => new SharedIterationsOptions
        {
            Vus = map.WholeNumber("vus", minimum: 1) ?? 1,
            Iterations = map.WholeNumber("iterations", minimum: 1) ?? 1,
            MaxDuration = map.Duration("maxDuration") ?? PlanDefaults.MaxDuration,
        }),

        // per-vu-iterations: vus (1), iterations (1) per VU, maxDuration (10m).
        ["per-vu-iterations"] = new(["vus", "iterations", "maxDuration"], map => new PerVuIterationsOptions
        {
            Vus = map.WholeNumber("vus", minimum: 1) ?? 1,
            Iterations = map.WholeNumber("iterations", minimum: 1) ?? 1,
            MaxDuration = map.Duration("maxDuration") ?? PlanDefaults.MaxDuration,
        }),

        // ramping-vus: stages (required), startVUs (1), gracefulRampDown (30s).
        ["ramping-vus"] = new(["stages", "startVUs", "gracefulRampDown"], map => new RampingVusOptions
        {
            Stages = map.Stages("stages") ?? throw map.Missing("a ramping-vus scenario needs 'stages', e.g. stages: [{ duration: 30s, target: 100 }]"),
            StartVus = map.WholeNumber("startVUs", minimum: 0) ?? 1,
            GracefulRampDown = map.Duration("gracefulRampDown") ?? PlanDefaults.GracefulRampDown,
        }),

        // constant-arrival-rate: rate, duration and preAllocatedVUs (required), timeUnit (1s), maxVUs.
        ["constant-arrival-rate"] = new(["rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"], map => new ConstantArrivalRateOptions
        {
            Rate = map.Number("rate", minimum: 0) ?? throw map.Missing("a constant-arrival-rate scenario needs a 'rate', e.g. rate: 100"),
            Duration = map.Duration("duration") ?? throw map.Missing("a constant-arrival-rate scenario needs a 'duration', e.g. duration: 1m"),
            TimeUnit = map.Duration("timeUnit") ?? PlanDefaults.TimeUnit,
            PreAllocatedVus = map.WholeNumber("preAllocatedVUs", minimum: 1)
                ?? throw map.Missing("a constant-arrival-rate scenario needs 'preAllocatedVUs' (about rate × iteration time), e.g. preAllocatedVUs: 50"),
            MaxVusAllowed = map.WholeNumber("maxVUs", minimum: 1) ?? 0,
        }),

        // ramping-arrival-rate: stages and preAllocatedVUs (required), startRate (0), timeUnit (1s), maxVUs.
        ["ramping-arrival-rate"] = new(["startRate", "stages", "timeUnit", "preAllocatedVUs", "maxVUs"], map => new RampingArrivalRateOptions
        {
            StartRate = map.Number("startRate", minimum: 0) ?? 0,
            Stages = map.Stages("stages") ?? throw map.Missing("a ramping-arrival-rate scenario needs 'stages', e.g. stages: [{ duration: 1m, target: 200 }]"),
            TimeUnit = map.Duration("timeUnit") ?? PlanDefaults.TimeUnit,
            PreAllocatedVus = map.WholeNumber("preAllocatedVUs", minimum: 1)
                ?? throw map.Missing("a ramping-arrival-rate scenario needs 'preAllocatedVUs' (about rate × iteration time), e.g. preAllocatedVUs: 50"),
            MaxVusAllowed = map.WholeNumber("maxVUs", minimum: 1) ?? 0,
        }),
    };
}
