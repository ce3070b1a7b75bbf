using System.Diagnostics;
using Surge.Lab.Tests.Support;

namespace Surge.Lab.Tests.Topology;

/// <summary>A short tour (stages 1, 2 and 6, three find-max steps each) names the server the seed's story expects.</summary>
public sealed class TourTests
{
    [LabFact(stage: 6)]
    public async Task Tour_Stages1_2_6_NamesTheSaturatedServerAtEach()
    {
        var options = TestLab.Options(6);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Surge.Cli.dll"), "lab", "tour", "--stages", "1,2,6", "--step", "5s", "--from", "60", "--max-steps", "3",
            "--scenario", Path.Combine(AppContext.BaseDirectory, "samples", "lab", "giveaway.yaml"), "--no-history",
            "--lab-dir", options.Directory, "--address-prefix", options.AddressPrefix, "--cgroup-parent", options.CgroupParent,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var tour = Process.Start(info)!;
        var errors = tour.StandardError.ReadToEndAsync();
        var output = await tour.StandardOutput.ReadToEndAsync();
        await tour.WaitForExitAsync();
        Assert.True(tour.ExitCode == 0, $"exit {tour.ExitCode}: {await errors}");

        // Stage 1: the one server runs everything. Stage 2: the database's half core gives out before the app's.
        // Stage 6: two app servers behind the balancer send the database even more.
        Assert.Equal("app1 (app)", Bottleneck(output, 1));
        Assert.Equal("db (database)", Bottleneck(output, 2));
        Assert.Equal("db (database)", Bottleneck(output, 6));
    }

    private static string Bottleneck(string table, int stage)
    {
        var row = table.Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).FirstOrDefault(c => c.Length > 6 && c[1] == stage.ToString())
            ?? throw new Xunit.Sdk.XunitException($"no row for stage {stage} in:\n{table}");
        return row[5];
    }
}
