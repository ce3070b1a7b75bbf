namespace Surge.Outcome;

/// <summary>
/// What a run tells about the system under test: the verdicts, the bottleneck with its evidence, where
/// throughput stopped following the load, and the next steps. Facts and numbers only; the words come
/// from <see cref="DiagnosisText"/> in the language asked for.
/// </summary>
/// <remarks>Made by <c>Analysis.Diagnoser</c> from a run's summary and timeline; the same inputs give the same diagnosis.</remarks>
internal sealed record Diagnosis
{
    /// <summary>Every verdict that holds.</summary>
    public required VerdictKind Verdict { get; init; }

    /// <summary>The load the run put on.</summary>
    public required LoadFacts Load { get; init; }

    /// <summary>Resources that stayed at their limit, the bottleneck (the first to get there) first.</summary>
    public IReadOnlyList<Bottleneck> Bottlenecks { get; init; } = [];

    /// <summary>Where TPS stopped following the load; null when it did not.</summary>
    public ThroughputLimit? Limit { get; init; }

    /// <summary>The generator's figures when it was the limit; null otherwise.</summary>
    public GeneratorLimit? Generator { get; init; }

    /// <summary>When and why errors dominated; null when they did not.</summary>
    public Failure? Failure { get; init; }

    /// <summary><c>--monitor</c> flags that would have told, when nothing was monitored.</summary>
    public IReadOnlyList<string> SuggestedMonitors { get; init; } = [];

    /// <summary>What to do next, in order.</summary>
    public IReadOnlyList<NextStep> NextSteps { get; init; } = [];

    /// <summary>The bottleneck: the resource that reached its limit first; null when none did.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Bottleneck? Bottleneck => Bottlenecks.Count > 0 ? Bottlenecks[0] : null;

    /// <summary>True when <paramref name="kind"/> is among the verdicts.</summary>
    public bool Has(VerdictKind kind) => (Verdict & kind) == kind;
}
