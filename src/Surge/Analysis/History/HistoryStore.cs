using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Surge.Analysis.History;

/// <summary>
/// The local history of runs: one SQLite file (<c>.surge/history.db</c> by default), one row per run.
/// </summary>
/// <remarks>
/// Several <c>surge run</c> processes may record at once: the file is in WAL mode and every write waits
/// for the others (busy timeout) instead of failing. A file that is not a SQLite database is moved aside,
/// never overwritten, and a new history is started; <see cref="MovedAside"/> says where it went.
/// </remarks>
internal sealed class HistoryStore : IDisposable
{
    /// <summary>Where the history is kept when no <c>--history</c> is given, relative to the working directory.</summary>
    public static readonly string DefaultPath = System.IO.Path.Combine(".surge", "history.db");

    private const int BusyTimeoutMs = 30_000;
    private const int NotADatabase = 26;
    private const int Corrupt = 11;

    private readonly SqliteConnection _connection;

    private HistoryStore(string path, SqliteConnection connection, string? movedAside)
    {
        Path = path;
        _connection = connection;
        MovedAside = movedAside;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Where a broken file found at <see cref="Path"/> was moved; null when none was.</summary>
    public string? MovedAside { get; }

    /// <summary>Opens the history at <paramref name="path"/>, creating it (and its folder) when it does not exist.</summary>
    /// <exception cref="SqliteException">It could not be opened or made (a read-only folder, a locked file).</exception>
    public static HistoryStore Open(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        try
        {
            return new HistoryStore(path, Connect(full), null);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is NotADatabase or Corrupt)
        {
            var aside = MoveAside(full, time);
            return new HistoryStore(path, Connect(full), aside);
        }
    }

    /// <summary>Opens the history at <paramref name="path"/> when it exists; null when no run was recorded there yet.</summary>
    public static HistoryStore? OpenExisting(string path, TimeProvider time) => File.Exists(path) ? Open(path, time) : null;

    /// <summary>Records a run; returns its id.</summary>
    public long Add(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var command = _connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (time, target, script_path, script_sha256, tags, summary_json, results_path, tps, p95_ms, error_rate, exit_code)
            VALUES ($time, $target, $script, $hash, $tags, $summary, $results, $tps, $p95, $errors, $exit);
            SELECT last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$time", entry.Time.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$target", entry.Target);
        command.Parameters.AddWithValue("$script", (object?)entry.ScriptPath ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", (object?)entry.ScriptSha256 ?? DBNull.Value);
        command.Parameters.AddWithValue("$tags", JsonSerializer.Serialize(entry.Tags.Select(t => new[] { t.Key, t.Value })));
        command.Parameters.AddWithValue("$summary", entry.SummaryJson);
        command.Parameters.AddWithValue("$results", (object?)entry.ResultsPath ?? DBNull.Value);
        command.Parameters.AddWithValue("$tps", entry.Tps);
        command.Parameters.AddWithValue("$p95", entry.P95Ms);
        command.Parameters.AddWithValue("$errors", entry.ErrorRate);
        command.Parameters.AddWithValue("$exit", entry.ExitCode);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The runs, oldest first: all of them, or the last <paramref name="limit"/>, of one target when given.</summary>
    public IReadOnlyList<HistoryEntry> List(string? target = null, int? limit = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT * FROM (
                SELECT * FROM runs WHERE $target IS NULL OR target = $target ORDER BY id DESC LIMIT $limit
            ) ORDER BY id
            """;
        command.Parameters.AddWithValue("$target", (object?)target ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit ?? -1);
        return Read(command);
    }

    /// <summary>The run with id <paramref name="id"/>; null when there is none.</summary>
    public HistoryEntry? Find(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT * FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Read(command) is [var entry] ? entry : null;
    }

    /// <summary>The newest run but <paramref name="back"/> (0: the last one); null when there are not that many.</summary>
    public HistoryEntry? Last(int back)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT * FROM runs ORDER BY id DESC LIMIT 1 OFFSET $back";
        command.Parameters.AddWithValue("$back", back);
        return Read(command) is [var entry] ? entry : null;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static SqliteConnection Connect(string path)
    {
        // No pooling: the file is let go when the store is disposed (it may be moved aside, or its folder deleted).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}");
            Execute(connection, "SELECT count(*) FROM sqlite_master"); // reads the header: a file that is not SQLite fails here
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time TEXT NOT NULL,
                    target TEXT NOT NULL,
                    script_path TEXT,
                    script_sha256 TEXT,
                    tags TEXT NOT NULL,
                    summary_json BLOB NOT NULL,
                    results_path TEXT,
                    tps REAL NOT NULL,
                    p95_ms REAL NOT NULL,
                    error_rate REAL NOT NULL,
                    exit_code INTEGER NOT NULL
                )
                """);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteScalar();
    }

    private static string MoveAside(string path, TimeProvider time)
    {
        var aside = $"{path}.broken-{time.GetUtcNow():yyyyMMdd-HHmmss}";
        File.Move(path, aside);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, aside + suffix);
            }
        }

        return aside;
    }

    private static List<HistoryEntry> Read(SqliteCommand command)
    {
        var entries = new List<HistoryEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var tags = JsonSerializer.Deserialize<string[][]>(reader.GetString(reader.GetOrdinal("tags"))) ?? [];
            entries.Add(new HistoryEntry
            {
                Id = reader.GetInt64(reader.GetOrdinal("id")),
                Time = DateTimeOffset.Parse(reader.GetString(reader.GetOrdinal("time")), CultureInfo.InvariantCulture),
                Target = reader.GetString(reader.GetOrdinal("target")),
                ScriptPath = Text(reader, "script_path"),
                ScriptSha256 = Text(reader, "script_sha256"),
                Tags = [.. tags.Where(t => t.Length == 2).Select(t => new KeyValuePair<string, string>(t[0], t[1]))],
                SummaryJson = (byte[])reader["summary_json"],
                ResultsPath = Text(reader, "results_path"),
                Tps = reader.GetDouble(reader.GetOrdinal("tps")),
                P95Ms = reader.GetDouble(reader.GetOrdinal("p95_ms")),
                ErrorRate = reader.GetDouble(reader.GetOrdinal("error_rate")),
                ExitCode = reader.GetInt32(reader.GetOrdinal("exit_code")),
            });
        }

        return entries;
    }

    private static string? Text(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
