using System.Text;
using Surge.Outcome;
using Surge.TestSupport;

namespace Surge.Tests.Analysis;

public class DiagnosisTextTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ko")]
    public void Lines_OfEveryCase_MatchTheExpectedFile(string language)
    {
        var culture = DiagnosisLanguage.Parse(language)!;
        var text = new StringBuilder();
        foreach (var (name, diagnosis) in AllCases())
        {
            text.Append("== ").Append(name).Append('\n');
            foreach (var line in DiagnosisText.Lines(diagnosis, culture))
            {
                text.Append(line).Append('\n');
            }

            text.Append('\n');
        }

        Expectations.Verify($"diagnosis.{language}.txt", text.ToString());
    }

    [Fact]
    public void Korean_IsFoundUnderInvariantGlobalization_AndKeepsTheNumbersAndMetricNames()
    {
        var diagnosis = Cases.DatabaseBound().Diagnose();

        var english = DiagnosisText.Lines(diagnosis, DiagnosisLanguage.English);
        var korean = DiagnosisText.Lines(diagnosis, DiagnosisLanguage.Korean);

        Assert.StartsWith("판정: 병목", korean[0], StringComparison.Ordinal);
        Assert.Equal(english.Count, korean.Count);
        static string Numbers(string line) => new([.. line.Where(c => char.IsDigit(c) || c is ',' or '.' or '–' or '→' or '±')]);
        var evidence = english.Single(l => l.StartsWith("  postgres:", StringComparison.Ordinal));
        Assert.Contains("p95", korean.Single(l => l.StartsWith("  postgres:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(Numbers(evidence).Replace(".", "", StringComparison.Ordinal).Length, Numbers(korean.Single(l => l.StartsWith("  postgres:", StringComparison.Ordinal))).Replace(".", "", StringComparison.Ordinal).Length);
    }

    [Theory]
    [InlineData("ko", "ko")]
    [InlineData("KO", "ko")]
    [InlineData("en", "en")]
    [InlineData("fr", null)]
    public void Parse_TakesTheLangFlagsValues(string flag, string? language) =>
        Assert.Equal(language, DiagnosisLanguage.Parse(flag)?.Name);

    [Fact]
    public void Numbers_AreWrittenOneWay_ForEveryLanguage()
    {
        Assert.Equal("1,840", DiagnosisFormat.Number(1840));
        Assert.Equal("2.5", DiagnosisFormat.Number(2.5));
        Assert.Equal("00:14", DiagnosisFormat.Clock(TimeSpan.FromSeconds(14.7)));
        Assert.Equal("1:02:03", DiagnosisFormat.Clock(new TimeSpan(1, 2, 3)));
        Assert.Equal("910 ms", DiagnosisFormat.Millis(910.2));
        Assert.Equal("1.24 s", DiagnosisFormat.Millis(1240));
        Assert.Equal("1 Gbit/s", DiagnosisFormat.Link(1e9 / 8));
        Assert.Equal("8 GiB", DiagnosisFormat.Bytes(8L << 30));
    }

    private static IEnumerable<(string Name, Diagnosis Diagnosis)> AllCases() =>
    [
        ("cpu-bound app", Cases.CpuBoundApp().Diagnose()),
        ("database-bound", Cases.DatabaseBound().Diagnose()),
        ("memory pressure", Cases.MemoryPressure().Diagnose()),
        ("network-bound", Cases.NetworkBound().Diagnose()),
        ("failing", Cases.Failing().Diagnose()),
        ("generator-bound", Cases.GeneratorBound().Diagnose(Cases.BusyGenerator)),
        ("no limit reached", Cases.NoLimit().Diagnose()),
        ("no monitors", Cases.NoMonitors().Diagnose()),
        ("open model short of its rate", Cases.OpenModelShort().Diagnose(configuredRate: 1000)),
        ("disk busy", Cases.DiskBound().Diagnose()),
        ("out of descriptors", Cases.OutOfDescriptors().Diagnose()),
    ];
}
