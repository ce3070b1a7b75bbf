using Spectre.Console;
using Surge.Analysis.FindMax;

namespace Surge.Reports.Console;

/// <summary>
/// Prints a find-max search: a header, one line per step as it ends (level, TPS, latency, errors,
/// verdict) with each monitored target's CPU and memory under it, and the result at the end (the maximum
/// that met the goals, where the system gave out, the throughput target, the scalability fit).
/// </summary>
internal sealed class FindMaxRenderer(IAnsiConsole console)
{
    private const int KeyWidth = 16;

    /// <summary>What is searched, within which bounds, against which goals.</summary>
    public void Header(string target, FindMaxOptions options, IReadOnlyList<string> goals, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = options.Model == LoadModel.Open ? "open model: arrival rate" : "closed model: VUs";
        console.MarkupLine($"  [bold]find-max[/]  {Markup.Escape(target)}");
        console.MarkupLine($"  {model} from {Markup.Escape(Level(options.From, options.Model))} up to {Markup.Escape(Level(options.To, options.Model))}, steps of {Markup.Escape(Configuration.Durations.Format(options.StepDuration))}");
        var goalText = goals.Count == 0 ? "none (a step fails when the load is not kept up with, or errors jump)" : string.Join(", ", goals);
        console.MarkupLine($"  goals: {Markup.Escape(goalText)}{(targets.Count == 0 ? "" : $"; target: {Markup.Escape(string.Join(", ", targets))}")}");
        console.WriteLine();
        console.MarkupLine($"  [bold]{"step",-6}{(options.Model == LoadModel.Open ? "offered" : "VUs"),-12}{"TPS",-11}{"p50",-10}{"p95",-10}{"p99",-10}{"errors",-9}verdict[/]");
    }

    /// <summary>One finished step.</summary>
    public void Step(StepResult step, LoadModel model)
    {
        ArgumentNullException.ThrowIfNull(step);
        var number = step.Hold ? $"{step.Number}h" : step.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var verdict = step.Verdict switch
        {
            StepVerdict.Passed => step.Hold ? "[green]✓ holds[/]" : "[green]✓ pass[/]",
            StepVerdict.Failed => $"[red]✗ fail[/]: {Markup.Escape(string.Join("; ", step.Reasons))}",
            StepVerdict.GeneratorLimited => $"[yellow]! generator limit[/]: {Markup.Escape(string.Join("; ", step.Reasons))}",
            _ => $"[yellow]■ stopped[/]: {Markup.Escape(string.Join("; ", step.Reasons))}",
        };
        var cells = $"{number,-6}{Level(step.Level, model),-12}{Units.Number(step.Tps, 1) + "/s",-11}{Units.Time(step.P50Ms),-10}{Units.Time(step.P95Ms),-10}{Units.Time(step.P99Ms),-10}{Units.Percent(step.ErrorRate),-9}";
        console.MarkupLine($"  {Markup.Escape(cells)}{verdict}");
        foreach (var resource in step.Resources)
        {
            console.MarkupLine($"        [grey]{Markup.Escape(resource.Target)}: {Markup.Escape(ResourceLine.Peaks(resource))}[/]");
        }
    }

    /// <summary>The search's result.</summary>
    /// <param name="result">The search.</param>
    /// <param name="goals">The goals each step was held to, as given.</param>
    /// <param name="targets">Each throughput target with whether the maximum reaches it.</param>
    public void Result(FindMaxResult result, IReadOnlyList<string> goals, IReadOnlyList<(string Goal, bool Reached)> targets)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(targets);
        console.WriteLine();
        console.MarkupLine("  [bold]█ FIND-MAX[/]");
        var meets = goals.Count == 0 ? "" : $" within {string.Join(", ", goals)}";
        if (result.Best is { } best)
        {
            var how = best.Hold ? $"held in step {best.Number}" : $"step {best.Number}, not confirmed by a hold";
            Line("maximum", $"[bold]{Markup.Escape(Units.Number(best.Tps, 1))} TPS[/] at {Markup.Escape(Level(best.Level, result.Model))}{Markup.Escape(meets)} ({Markup.Escape(how)}); p95 {Markup.Escape(Units.Time(best.P95Ms))}, errors {Markup.Escape(Units.Percent(best.ErrorRate))}");
        }
        else
        {
            Line("maximum", $"[red]none: no step met the goals{Markup.Escape(meets)}[/]; try a lower --from");
        }

        Line("search", Markup.Escape(EndText(result)));
        if (result.FirstFailing is { } failing)
        {
            Line("gave out", Markup.Escape($"step {failing.Number} at {Level(failing.Level, result.Model)}: {string.Join("; ", failing.Reasons)}"));
        }

        foreach (var (goal, reached) in targets)
        {
            Line("target", reached ? $"[green]✓ {Markup.Escape(goal)} is within reach[/]" : $"[red]✗ {Markup.Escape(goal)} is not within reach[/]");
        }

        Usl(result.Usl);
    }

    private void Usl(UslFit? fit)
    {
        if (fit is null)
        {
            return;
        }

        if (fit.Problem is { } problem)
        {
            Line("scalability", Markup.Escape($"no USL fit: {problem}"));
            return;
        }

        var law = $"USL λ={Units.Number(fit.Lambda, 2)}/s σ={Units.Number(fit.Sigma, 4)} κ={fit.Kappa.ToString("0.###e0", System.Globalization.CultureInfo.InvariantCulture)}, R²={Units.Number(fit.RSquared, 3)} over {fit.Points} steps";
        Line("scalability", Markup.Escape(law) + (fit.RSquared < 0.8 ? " [yellow](a loose fit: read the peak as a rough guide)[/]" : ""));
        Line("predicted peak", fit.PeakConcurrency is { } n && fit.PeakThroughput is { } x
            ? Markup.Escape($"{Units.Number(x, 1)}/s at a concurrency of {Units.Number(n, 1)} (N* = √((1−σ)/κ))")
            : Markup.Escape(fit.Sigma > 0
                ? $"no peak (κ = 0): throughput levels off towards {Units.Number(fit.Lambda / fit.Sigma, 1)}/s"
                : "no peak (σ = κ = 0): throughput still grew in step with the load; raise --to to see where it bends"));
    }

    private static string EndText(FindMaxResult result) => result.End switch
    {
        SearchEnd.Confirmed when result.ReachedTop => "done: every level up to --to met the goals, and --to held; raise --to to search higher",
        SearchEnd.Confirmed => "done: doubled, bisected to within 5 %, and the found level held",
        SearchEnd.NotConfirmed => "done, but the found level failed its hold: the system is unsteady near its limit",
        SearchEnd.NothingPassed => "the first level already failed",
        SearchEnd.GeneratorLimit => $"stopped: the load generator (Surge) was the limit at {Level(result.GeneratorLimited!.Level, result.Model)}, "
            + "so higher levels would measure Surge, not the server; run Surge on a bigger machine or several (execution segments)",
        SearchEnd.Stopped => "stopped before the end: the steps so far and the best so far are above",
        _ => "stopped at the bound on the number of steps",
    };

    private void Line(string key, string markupValue) =>
        console.MarkupLine($"    {Markup.Escape(key.Length >= KeyWidth ? key : key + new string('.', KeyWidth - key.Length))}: {markupValue}");

    private static string Level(double level, LoadModel model) =>
        model == LoadModel.Open ? $"{Units.Number(level, 2)}/s" : $"{Units.Number(level, 0)} VUs";
}
