using System.Text;
using Microsoft.Extensions.Time.Testing;
using Surge.Analysis.History;
using Surge.Configuration;

namespace Surge.Tests.Analysis.History;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("surge-history-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 11, 9, 30, 0, TimeSpan.Zero));

    private string DbPath => Path.Combine(_folder, ".surge", "history.db");

    [Fact]
    public void Add_ThenRead_KeepsEveryField_AndIdsCountUp()
    {
        using (var store = HistoryStore.Open(DbPath, _time))
        {
            Assert.Equal(1, store.Add(Entry(100) with { ScriptPath = "/w/script.cs", ScriptSha256 = "ab12", ResultsPath = "/w/r.ndjson", Tags = [new("release", "1.4"), new("env", "ci")] }));
            Assert.Equal(2, store.Add(Entry(200)));
        }

        using var reopened = HistoryStore.Open(DbPath, _time);
        var first = reopened.Find(1)!;
        Assert.Equal(100, first.Tps);
        Assert.Equal(12.5, first.P95Ms);
        Assert.Equal(0.01, first.ErrorRate);
        Assert.Equal(99, first.ExitCode);
        Assert.Equal("/w/script.cs", first.ScriptPath);
        Assert.Equal("ab12", first.ScriptSha256);
        Assert.Equal("/w/r.ndjson", first.ResultsPath);
        Assert.Equal(["release=1.4", "env=ci"], first.Tags.Select(t => $"{t.Key}={t.Value}"));
        Assert.Equal("{\"surge\":{}}", Encoding.UTF8.GetString(first.SummaryJson));
        Assert.Equal(_time.GetUtcNow(), first.Time);
        Assert.Null(reopened.Find(3));
        Assert.Equal([1, 2], reopened.List().Select(r => r.Id));
        Assert.Equal([2], reopened.List(limit: 1).Select(r => r.Id));
        Assert.Null(reopened.MovedAside);
    }

    [Fact]
    public void References_LastAndLastTilde_AndUnknownIdsAreOneLine()
    {
        using var store = HistoryStore.Open(DbPath, _time);
        store.Add(Entry(1));
        store.Add(Entry(2));
        store.Add(Entry(3));

        Assert.Equal(3, HistoryReference.Resolve(store, "last", DbPath).Tps);
        Assert.Equal(2, HistoryReference.Resolve(store, "last~1", DbPath).Tps);
        Assert.Equal(1, HistoryReference.Resolve(store, "1", DbPath).Tps);
        Assert.True(HistoryReference.IsReference("last~12"));
        Assert.False(HistoryReference.IsReference("results.ndjson"));
        var unknown = Assert.Throws<ConfigException>(() => HistoryReference.Resolve(store, "7", DbPath));
        Assert.Equal($"run '7' is not in the history at '{DbPath}'; its runs go up to 3 (surge history lists them)", unknown.Message);
        Assert.Throws<ConfigException>(() => HistoryReference.Resolve(store, "last~3", DbPath));
        Assert.Contains("there is no history", Assert.Throws<ConfigException>(() => HistoryReference.Resolve(null, "last", DbPath)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoWritersAtOnce_EveryRunIsRecorded()
    {
        const int PerWriter = 40;
        using var start = new Barrier(2);
        Task Writer(int offset) => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerWriter; i++)
            {
                // Each run opens its own connection, as each surge process does.
                using var store = HistoryStore.Open(DbPath, _time);
                store.Add(Entry(offset + i));
            }
        });

        await Task.WhenAll(Writer(0), Writer(1_000));

        using var check = HistoryStore.Open(DbPath, _time);
        var runs = check.List();
        Assert.Equal(2 * PerWriter, runs.Count);
        Assert.Equal(Enumerable.Range(0, PerWriter).Concat(Enumerable.Range(1_000, PerWriter)).Select(i => (double)i), runs.Select(r => r.Tps).Order());
    }

    [Fact]
    public void FileThatIsNotSqlite_IsMovedAside_AndANewHistoryStarts()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        File.WriteAllText(DbPath, "these are not the droids you are looking for\n" + new string('x', 4096));

        using (var store = HistoryStore.Open(DbPath, _time))
        {
            Assert.Equal(DbPath + ".broken-20250611-093000", store.MovedAside);
            Assert.Equal(1, store.Add(Entry(5)));
        }

        Assert.StartsWith("these are not", File.ReadAllText(DbPath + ".broken-20250611-093000"), StringComparison.Ordinal);
        using var reopened = HistoryStore.Open(DbPath, _time);
        Assert.Null(reopened.MovedAside);
        Assert.Single(reopened.List());
    }

    [Fact]
    public void OpenExisting_NoFile_IsNull_AndCreatesNothing()
    {
        Assert.Null(HistoryStore.OpenExisting(DbPath, _time));
        Assert.False(Directory.Exists(Path.GetDirectoryName(DbPath)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static HistoryEntry Entry(double tps) => new()
    {
        Time = new DateTimeOffset(2025, 6, 11, 9, 30, 0, TimeSpan.Zero),
        Target = "http://127.0.0.1:8080/",
        SummaryJson = Encoding.UTF8.GetBytes("{\"surge\":{}}"),
        Tps = tps,
        P95Ms = 12.5,
        ErrorRate = 0.01,
        ExitCode = 99,
    };
}
