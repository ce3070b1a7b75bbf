using Surge.Configuration;

namespace Surge.Analysis.FindMax;

/// <summary>The bounds and pace of a find-max search.</summary>
internal sealed record FindMaxOptions
{
    /// <summary>The shortest step that still measures anything: under it the first second's warm-up is most of the step.</summary>
    public static readonly TimeSpan ShortestStep = TimeSpan.FromSeconds(5);

    /// <summary>The first level: iterations per second (open model) or VUs (closed model).</summary>
    public double From { get; init; } = 50;

    /// <summary>The highest level ever run.</summary>
    public double To { get; init; } = 20_000;

    /// <summary>How long each step runs.</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether a level is an arrival rate or a number of VUs.</summary>
    public LoadModel Model { get; init; } = LoadModel.Open;

    /// <summary>Bisection ends when the failing level is within this fraction above the passing one (Nighthawk's 5 %).</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>A bound on the number of steps, so a system that passes and fails at random still ends.</summary>
    public int MaxSteps { get; init; } = 40;

    /// <summary>The time a step's iterations in flight get to finish: short, so an overloaded step does not hold the search for 30 s.</summary>
    public TimeSpan GracefulStop { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with the options, each in one line that names the flag; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (From <= 0)
        {
            errors.Add($"--from {Format(From)} must be above 0: it is the first {Unit} find-max runs");
        }
        else if (From > To)
        {
            errors.Add($"--from {Format(From)} is above --to {Format(To)}; find-max rises from --from to at most --to, so give a --from at or below --to");
        }

        if (StepDuration < ShortestStep)
        {
            errors.Add($"--step {Durations.Format(StepDuration)} is too short to measure a level; give 5s or more, e.g. --step 20s");
        }

        if (Model == LoadModel.Closed && From > 0 && From < 1)
        {
            errors.Add($"--from {Format(From)}: with --model closed a level is a number of VUs; give 1 or more");
        }

        return errors;
    }

    private string Unit => Model == LoadModel.Open ? "rate (iterations per second)" : "number of VUs";

    private static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
