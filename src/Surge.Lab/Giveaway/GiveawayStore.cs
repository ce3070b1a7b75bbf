using System.Text.Json;
using Npgsql;
using StackExchange.Redis;

namespace Surge.Lab.Giveaway;

/// <summary>
/// The giveaway's data: writes go to the primary; the reads that need no exact sync go to the replica when
/// the stage has one, through the cache when it has one.
/// </summary>
internal sealed class GiveawayStore : IAsyncDisposable
{
    // Long enough that a rush of users reads the same answer many times, short enough that winners show soon.
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource _reads;
    private readonly ConnectionMultiplexer? _cache;

    private GiveawayStore(NpgsqlDataSource primary, NpgsqlDataSource reads, ConnectionMultiplexer? cache)
    {
        _primary = primary;
        _reads = reads;
        _cache = cache;
    }

    public static async Task<GiveawayStore> OpenAsync(GiveawayOptions options)
    {
        var primary = NpgsqlDataSource.Create(options.Database);
        var reads = options.Replica is { } replica ? NpgsqlDataSource.Create(replica) : primary;
        var cache = options.Cache is { } endpoint ? await ConnectionMultiplexer.ConnectAsync($"{endpoint},abortConnect=false") : null;
        return new GiveawayStore(primary, reads, cache);
    }

    /// <summary>The event and how many prizes are left (its prizes less the entries so far, never below 0).</summary>
    public Task<string?> EventAsync(int eventId, CancellationToken ct) => CachedAsync($"event:{eventId}", async () =>
    {
        await using var command = _primary.CreateCommand(
            "SELECT e.title, e.prizes, e.starts, (SELECT count(*) FROM entries WHERE event_id = e.id) FROM events e WHERE e.id = $1");
        command.Parameters.AddWithValue(eventId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var prizes = reader.GetInt32(1);
        var entries = reader.GetInt64(3);
        return JsonSerializer.Serialize(new
        {
            id = eventId,
            title = reader.GetString(0),
            prizes,
            starts = reader.GetDateTime(2),
            entries,
            remaining = Math.Max(0, prizes - entries),
        });
    });

    /// <summary>Enters the user; false when the user had already entered (the database's unique constraint says so).</summary>
    public async Task<bool> EnterAsync(int eventId, int userId, CancellationToken ct)
    {
        await using var command = _primary.CreateCommand(
            "INSERT INTO entries (event_id, user_id) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT one_entry_per_user DO NOTHING");
        command.Parameters.AddWithValue(eventId);
        command.Parameters.AddWithValue(userId);
        var added = await command.ExecuteNonQueryAsync(ct) == 1;
        if (added && _cache is { } cache)
        {
            await cache.GetDatabase().KeyDeleteAsync($"entries:{userId}");
        }

        return added;
    }

    /// <summary>The user's entries, newest first: without the index on <c>entries(user_id)</c> every entry is scanned.</summary>
    public Task<string?> EntriesAsync(int userId, CancellationToken ct) => CachedAsync($"entries:{userId}", async () =>
    {
        await using var command = _reads.CreateCommand(
            "SELECT n.event_id, e.title, n.entered FROM entries n JOIN events e ON e.id = n.event_id WHERE n.user_id = $1 ORDER BY n.entered DESC");
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new { eventId = reader.GetInt32(0), title = reader.GetString(1), entered = reader.GetDateTime(2) });
        }

        return JsonSerializer.Serialize(new { userId, entries = rows });
    });

    /// <summary>The winners of every event, newest event first (a join over winners, users and events).</summary>
    public Task<string?> WinnersAsync(CancellationToken ct) => CachedAsync("winners", async () =>
    {
        await using var command = _reads.CreateCommand(
            """
            SELECT w.event_id, e.title, u.name, w.prize FROM winners w
            JOIN users u ON u.id = w.user_id JOIN events e ON e.id = w.event_id
            ORDER BY e.starts DESC, u.name LIMIT 200
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<object>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new { eventId = reader.GetInt32(0), title = reader.GetString(1), user = reader.GetString(2), prize = reader.GetString(3) });
        }

        return JsonSerializer.Serialize(new { winners = rows });
    });

    /// <summary>The user's id and stored password hash, or null when there is no such user.</summary>
    public async Task<(int Id, string PasswordHash)?> UserAsync(string name, CancellationToken ct)
    {
        await using var command = _primary.CreateCommand("SELECT id, password_hash FROM users WHERE name = $1");
        command.Parameters.AddWithValue(name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt32(0), reader.GetString(1)) : null;
    }

    private async Task<string?> CachedAsync(string key, Func<Task<string?>> read)
    {
        if (_cache is null)
        {
            return await read();
        }

        var database = _cache.GetDatabase();
        if (await database.StringGetAsync(key) is { HasValue: true } hit)
        {
            return hit.ToString();
        }

        var value = await read();
        if (value is not null)
        {
            await database.StringSetAsync(key, value, CacheLifetime);
        }

        return value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cache is not null)
        {
            await _cache.DisposeAsync();
        }

        if (!ReferenceEquals(_reads, _primary))
        {
            await _reads.DisposeAsync();
        }

        await _primary.DisposeAsync();
    }
}
