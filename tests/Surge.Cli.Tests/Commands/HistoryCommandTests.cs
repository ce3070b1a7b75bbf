using System.Text.Json;
using Surge.Cli.Tests.Support;
using Surge.Lab.Demo;

namespace Surge.Cli.Tests.Commands;

public class HistoryCommandTests
{
    [Fact]
    public async Task TwoRunsAtOnce_BothAreRecorded_WithTheirTags()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        var url = new Uri(server.Url, "/fast").ToString();

        using var first = SurgeProcess.Start(dir.Path, "run", "--url", url, "--vus", "2", "--duration", "2s", "-q", "--tag", "writer=1");
        using var second = SurgeProcess.Start(dir.Path, "run", "--url", url, "--vus", "2", "--duration", "2s", "-q", "--tag", "writer=2", "--tag", "release=1.4");
        var results = await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(90)), second.WaitAsync(TimeSpan.FromSeconds(90)));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.All(results, r => Assert.DoesNotContain("warning", r.Stderr, StringComparison.Ordinal));
        var list = await SurgeProcess.RunAsync(dir.Path, "history", "--json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        using var json = JsonDocument.Parse(list.Stdout);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(["1", "2"], runs.Select(r => r.GetProperty("tags").GetProperty("writer").GetString()).Order());
        Assert.All(runs, r => Assert.True(r.GetProperty("tps").GetDouble() > 0));
        Assert.All(runs, r => Assert.Equal($"GET {url}", r.GetProperty("target").GetString()));

        var table = await SurgeProcess.RunAsync(dir.Path, "history");
        var trend = await SurgeProcess.RunAsync(dir.Path, "history", "--trend");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("release=1.4", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("passed", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, trend.ExitCode);
        Assert.Contains("█ TREND", trend.Stdout, StringComparison.Ordinal);
        Assert.Contains("No lasting change", trend.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenDatabase_IsMovedAside_AndTheRunStillExits0_AndIsRecorded()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File(".surge"));
        await File.WriteAllTextAsync(dir.File(".surge/history.db"), "not a database, just text that someone wrote here\n");

        var run = await SurgeProcess.RunAsync(dir.Path, "run", "--url", new Uri(server.Url, "/fast").ToString(), "--vus", "1", "--iterations", "10", "-q");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var warning = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"surge: warning: the history '{Path.Combine(".surge", "history.db")}' was not a SQLite database; it was moved to '{dir.File(".surge/history.db")}.broken-",
            warning,
            StringComparison.Ordinal);
        var aside = Assert.Single(Directory.GetFiles(dir.File(".surge"), "history.db.broken-*"));
        Assert.StartsWith("not a database", await File.ReadAllTextAsync(aside), StringComparison.Ordinal);
        var list = await SurgeProcess.RunAsync(dir.Path, "history", "--json");
        using var json = JsonDocument.Parse(list.Stdout);
        Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task HistoryFlag_RecordsThere_NoHistory_RecordsNothing_EmptyHistorySaysSo()
    {
        await using var server = await DemoServer.StartAsync();
        using var dir = new TempDirectory();
        var url = new Uri(server.Url, "/fast").ToString();

        var elsewhere = await SurgeProcess.RunAsync(dir.Path, "run", "--url", url, "--vus", "1", "--iterations", "5", "-q", "--history", "runs/h.db");
        var none = await SurgeProcess.RunAsync(dir.Path, "run", "--url", url, "--vus", "1", "--iterations", "5", "-q", "--no-history");
        var empty = await SurgeProcess.RunAsync(dir.Path, "history");
        var listed = await SurgeProcess.RunAsync(dir.Path, "history", "--history", "runs/h.db", "--json");
        var badTag = await SurgeProcess.RunAsync(dir.Path, "run", "--url", url, "--tag", "release");

        Assert.Equal(0, elsewhere.ExitCode);
        Assert.Equal(0, none.ExitCode);
        Assert.False(Directory.Exists(dir.File(".surge")));
        Assert.Contains("No runs recorded yet", empty.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(listed.Stdout);
        Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(104, badTag.ExitCode);
        Assert.Equal("surge: error: --tag 'release' needs the form NAME=VALUE, e.g. --tag release=1.4", badTag.Stderr.Trim());
    }
}
