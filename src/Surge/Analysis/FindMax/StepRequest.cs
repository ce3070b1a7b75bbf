namespace Surge.Analysis.FindMax;

/// <summary>What the search asks to run next.</summary>
/// <param name="Number">The step's number, from 1.</param>
/// <param name="Level">The rate (iterations per second) or the VUs.</param>
/// <param name="Hold">True for the confirmation of the found level.</param>
/// <param name="Below">The highest passing step below this level, if any.</param>
/// <param name="BaselineErrorRate">The first step's error rate; null for the first step.</param>
internal sealed record StepRequest(int Number, double Level, bool Hold, StepResult? Below, double? BaselineErrorRate);
