using System.Globalization;

namespace Surge.Outcome;

/// <summary>
/// The words of a <see cref="Diagnosis"/> in a language (DiagnosisText.resx, English, and DiagnosisText.ko.resx,
/// Korean): a verdict line, the bottleneck with its evidence, the throughput limit, the other
/// verdicts, then the numbered next steps. Metric names and numbers are the same in every language.
/// </summary>
internal static class DiagnosisText
{
    /// <summary>What a table cell can hold: the bottleneck ("db CPU"), or else the verdict ("no limit reached").</summary>
    public static string Short(Diagnosis diagnosis, DiagnosisLanguage language)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var text = new Words(language);
        return diagnosis.Bottleneck is { } bottleneck
            ? $"{bottleneck.Target} {text.Get("Resource_" + bottleneck.Resource)}"
            : VerdictNames(diagnosis.Verdict, text);
    }

    /// <summary>The diagnosis as lines; a line that belongs to the one above starts with two spaces.</summary>
    public static IReadOnlyList<string> Lines(Diagnosis diagnosis, DiagnosisLanguage language)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentNullException.ThrowIfNull(language);
        var text = new Words(language);
        var lines = new List<string> { text.Get("Verdict", VerdictNames(diagnosis.Verdict, text)) };
        if (diagnosis.Bottleneck is { } bottleneck)
        {
            lines.Add(text.Get(
                "Bottleneck",
                bottleneck.Target,
                text.Get("Role_" + bottleneck.Role),
                text.Get("Resource_" + bottleneck.Resource),
                DiagnosisFormat.Clock(bottleneck.From),
                DiagnosisFormat.Number(bottleneck.TpsMean)));
            lines.Add("  " + Evidence(bottleneck, text));
            if (diagnosis.Bottlenecks.Count > 1)
            {
                lines.Add(text.Get("AlsoAtLimit"));
                lines.AddRange(diagnosis.Bottlenecks.Skip(1).Select(b => "  " + Evidence(b, text)));
            }
        }

        if (diagnosis.Limit is { } limit)
        {
            lines.Add(LimitLine(limit, text));
        }

        if (diagnosis.Generator is { } generator)
        {
            lines.Add(text.Get("Generator", DiagnosisFormat.Percent(generator.PeakCpuPercent), DiagnosisFormat.Millis(generator.MaxLagMs)));
        }

        if (diagnosis.Failure is { } failure)
        {
            var rate = DiagnosisFormat.Percent(failure.ErrorRate * 100);
            var from = DiagnosisFormat.Clock(failure.From);
            lines.Add(failure.Causes.Count == 0
                ? text.Get("FailingNoCause", rate, from)
                : text.Get("Failing", rate, from, string.Join(", ", failure.Causes.Select(c => $"{c.Name} ×{DiagnosisFormat.Number(c.Count)}"))));
        }

        var peak = Load(diagnosis.Load.OpenModel, diagnosis.Load.PeakLoad, text);
        if (diagnosis.Has(VerdictKind.NoLimitReached))
        {
            lines.Add(text.Get("NoLimit", DiagnosisFormat.Number(diagnosis.Load.PeakTps), peak));
        }

        if (diagnosis.Has(VerdictKind.NoMonitors))
        {
            lines.Add(text.Get("NoMonitors", string.Join("  ", diagnosis.SuggestedMonitors)));
            if (diagnosis.Limit is null && diagnosis.Load.Seconds > 0)
            {
                lines.Add("  " + text.Get("TpsFollowed", DiagnosisFormat.Number(diagnosis.Load.PeakTps), peak));
            }
        }

        if (diagnosis.Load.Seconds == 0)
        {
            lines.Add(text.Get("NoLoad"));
        }

        if (diagnosis.NextSteps.Count > 0)
        {
            lines.Add(text.Get("NextSteps"));
            lines.AddRange(diagnosis.NextSteps.Select((step, i) => string.Create(CultureInfo.InvariantCulture, $"  {i + 1}. ") + Step(step, text)));
        }

        return lines;
    }

    private static string VerdictNames(VerdictKind verdict, Words text) =>
        verdict == VerdictKind.None
            ? text.Get("Verdict_None")
            : string.Join(" + ", Enum.GetValues<VerdictKind>().Where(v => v != VerdictKind.None && verdict.HasFlag(v)).Select(v => text.Get("Verdict_" + v)));

    private static string Evidence(Bottleneck b, Words text)
    {
        var (low, high) = (DiagnosisFormat.Percent(b.Low), DiagnosisFormat.Percent(b.High));
        var what = b.Resource switch
        {
            LimitedResource.Cpu when b.Kind == "host" => text.Get("CpuOfHost", Range(low, high)),
            LimitedResource.Cpu when b.Kind == "cgroup" => text.Get("CpuOfQuota", Range(low, high), DiagnosisFormat.Cores(b.LimitCores ?? 0)),
            LimitedResource.Cpu when b.Capacity <= 100 => text.Get("CpuOfOneCore", Range(low, high)),
            LimitedResource.Cpu => text.Get("CpuOfCores", Range(low, high), DiagnosisFormat.Cores(b.Capacity / 100)),
            LimitedResource.Memory => text.Get("Memory", Range(DiagnosisFormat.Percent(b.Low / b.Capacity * 100), DiagnosisFormat.Percent(b.High / b.Capacity * 100)), DiagnosisFormat.Bytes(b.Capacity)),
            LimitedResource.Swap => text.Get("Swap", DiagnosisFormat.Bytes(b.Low), DiagnosisFormat.Bytes(b.High)),
            LimitedResource.Network => text.Get("Network", Range(DiagnosisFormat.Rate(b.Low), DiagnosisFormat.Rate(b.High)), DiagnosisFormat.Percent(b.High / b.Capacity * 100), DiagnosisFormat.Link(b.Capacity)),
            LimitedResource.Disk => text.Get("Disk", Range(low, high)),
            LimitedResource.Descriptors => text.Get("Descriptors", Range(DiagnosisFormat.Number(b.Low), DiagnosisFormat.Number(b.High)), DiagnosisFormat.Number(b.Capacity)),
            _ => text.Get("Ports", Range(DiagnosisFormat.Number(b.Low), DiagnosisFormat.Number(b.High)), DiagnosisFormat.Number(b.Capacity)),
        };
        var p95 = b.P95BeforeMs is { } before
            ? text.Get("P95Rose", DiagnosisFormat.Millis(before), DiagnosisFormat.Millis(b.P95AfterMs))
            : text.Get("P95Was", DiagnosisFormat.Millis(b.P95AfterMs));
        return text.Get("Evidence", b.Target, what, DiagnosisFormat.Clock(b.From), DiagnosisFormat.Number(b.TpsMean), DiagnosisFormat.Percent(b.TpsSpreadPercent), p95);
    }

    /// <summary><c>97–100</c>, or one number when both ends are written the same.</summary>
    private static string Range(string low, string high) => low == high ? low : $"{low}–{high}";

    private static string LimitLine(ThroughputLimit limit, Words text) => limit.TargetRate > 0
        ? text.Get(
            "LimitRate",
            DiagnosisFormat.Number(limit.AchievedRate),
            DiagnosisFormat.Number(limit.TargetRate),
            DiagnosisFormat.Number(limit.Dropped),
            DiagnosisFormat.Clock(limit.At),
            DiagnosisFormat.Number(limit.LoadAtKnee),
            DiagnosisFormat.Number(limit.TpsAfter),
            DiagnosisFormat.Millis(limit.P95AtKneeMs),
            DiagnosisFormat.Millis(limit.P95EndMs))
        : text.Get(
            "Limit",
            Load(limit.OpenModel, limit.LoadAtKnee, text),
            DiagnosisFormat.Clock(limit.At),
            DiagnosisFormat.Number(limit.TpsAtKnee),
            DiagnosisFormat.Number(limit.TpsAfter),
            Load(limit.OpenModel, limit.LoadPeak, text),
            DiagnosisFormat.Millis(limit.P95AtKneeMs),
            DiagnosisFormat.Millis(limit.P95EndMs));

    private static string Load(bool openModel, double load, Words text) =>
        text.Get(openModel ? "LoadRate" : "LoadVus", DiagnosisFormat.Number(load));

    /// <summary>One next step in words (the lab's tour puts the first in its table).</summary>
    public static string NextStepText(NextStep step, DiagnosisLanguage language) => Step(step, new Words(language));

    private static string Step(NextStep step, Words text)
    {
        return step.Subject is null ? text.Get("Step_" + step.Kind) : text.Get($"Step_{step.Kind}_Subject", step.Subject);
    }

    /// <summary>The resources of one language.</summary>
    private sealed class Words(DiagnosisLanguage language)
    {
        public string Get(string name, params object[] values)
        {
            var format = language.Text(name);
            return values.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, values);
        }
    }
}
