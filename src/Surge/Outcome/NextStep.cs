namespace Surge.Outcome;

/// <summary>One proposed step.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Subject">What it is about, when known: the costliest endpoint, the target, the <c>--monitor</c> flags.</param>
internal sealed record NextStep(NextStepKind Kind, string? Subject = null);
