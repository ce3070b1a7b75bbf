namespace Surge.Execution.Executors;

/// <summary>What the ramping executors share: checking stages and tidying a plan.</summary>
internal static class StageRules
{
    public static IEnumerable<string> Validate(IReadOnlyList<Stage> stages, string unit)
    {
        if (stages.Count == 0)
        {
            yield return "stages must have at least one stage, e.g. { duration: 30s, target: 100 }";
            yield break;
        }

        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].Duration < TimeSpan.Zero)
            {
                yield return $"stage {i + 1}: duration must not be negative";
            }

            if (stages[i].Target < 0)
            {
                yield return $"stage {i + 1}: target {unit} must not be negative, not {stages[i].Target}";
            }
        }

        if (stages.All(s => s.Duration == TimeSpan.Zero))
        {
            yield return "stages last 0s in all; give at least one stage a duration";
        }
    }

    /// <summary>Keeps the last step of each instant and only steps that change the count; the plan ends at <paramref name="end"/> with 0.</summary>
    public static IReadOnlyList<ExecutionStep> Compact(List<ExecutionStep> steps, TimeSpan end)
    {
        var compact = new List<ExecutionStep>(steps.Count);
        foreach (var step in steps)
        {
            if (compact.Count > 0 && compact[^1].Offset == step.Offset)
            {
                compact[^1] = step;
            }
            else if (compact.Count == 0 || compact[^1].Vus != step.Vus)
            {
                compact.Add(step);
            }
        }

        if (compact[^1].Offset != end)
        {
            compact.Add(new ExecutionStep(end, 0));
        }

        return compact;
    }
}
