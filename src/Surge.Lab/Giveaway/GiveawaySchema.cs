using Npgsql;

namespace Surge.Lab.Giveaway;

/// <summary>
/// The giveaway's tables and its production-like data: users, past events with their entries and winners,
/// and the live event everyone rushes into (event 1).
/// </summary>
/// <remarks>
/// The data is made inside PostgreSQL with <c>generate_series</c>, not sent row by row: hundreds of
/// thousands of rows take seconds, even on a server with half a core. With <c>slowQuery</c> the index
/// on <c>entries(user_id)</c> is left out, so "my entries" scans every entry: the query to fix before scaling.
/// </remarks>
public static class GiveawaySchema
{
    /// <summary>The live event's id: the one the scenario enters.</summary>
    public const int LiveEventId = 1;

    /// <summary>Every user's password is <c>pw</c> followed by the user's id (user 42: <c>pw42</c>).</summary>
    public const string PasswordPrefix = "pw";

    /// <summary>Creates the tables and fills them.</summary>
    /// <param name="connectionString">The primary database.</param>
    /// <param name="users">How many users (10,000 in the lab).</param>
    /// <param name="pastEntries">About how many entries of past events (300,000 in the lab).</param>
    /// <param name="slowQuery">Leave out the index that "my entries" needs.</param>
    /// <param name="cancellationToken">Stops the seeding.</param>
    public static async Task SeedAsync(string connectionString, int users, int pastEntries, bool slowQuery, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var pastEvents = 50;
        var perEvent = Math.Clamp(pastEntries / pastEvents, 0, users);
        var sql = $"""
            CREATE TABLE users (
                id int PRIMARY KEY,
                name text NOT NULL UNIQUE,
                password_hash text NOT NULL,
                joined timestamptz NOT NULL);
            CREATE TABLE events (
                id int PRIMARY KEY,
                title text NOT NULL,
                prizes int NOT NULL,
                starts timestamptz NOT NULL);
            CREATE TABLE entries (
                id bigserial PRIMARY KEY,
                event_id int NOT NULL REFERENCES events(id),
                user_id int NOT NULL REFERENCES users(id),
                entered timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT one_entry_per_user UNIQUE (event_id, user_id));
            CREATE TABLE winners (
                event_id int NOT NULL REFERENCES events(id),
                user_id int NOT NULL REFERENCES users(id),
                prize text NOT NULL,
                PRIMARY KEY (event_id, user_id));
            INSERT INTO users
                SELECT i, 'user' || i, encode(sha256(convert_to('{PasswordPrefix}' || i, 'UTF8')), 'hex'), now() - i * interval '1 minute'
                FROM generate_series(1, {users}) AS i;
            INSERT INTO events VALUES ({LiveEventId}, 'The chicken giveaway: 1,000 fried chickens for the first lucky fans', 1000, now());
            INSERT INTO events
                SELECT i, 'Past giveaway #' || i, 100, now() - i * interval '7 days'
                FROM generate_series(2, {pastEvents + 1}) AS i;
            INSERT INTO entries (event_id, user_id, entered)
                SELECT e, u, now() - e * interval '7 days' + u * interval '1 second'
                FROM generate_series(2, {pastEvents + 1}) AS e,
                     LATERAL (SELECT 1 + ((e * 7919 + k * 104729) % {users}) AS u FROM generate_series(1, {perEvent}) AS k) AS picked
                ON CONFLICT DO NOTHING;
            INSERT INTO winners
                SELECT event_id, user_id, 'a fried chicken'
                FROM (SELECT event_id, user_id, row_number() OVER (PARTITION BY event_id ORDER BY id) AS n FROM entries) AS ranked
                WHERE n % 37 = 0 AND n <= 37 * 100;
            {(slowQuery ? "" : "CREATE INDEX entries_by_user ON entries (user_id);")}
            ANALYZE;
            """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
