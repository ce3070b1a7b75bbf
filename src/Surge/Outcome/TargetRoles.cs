namespace Surge.Outcome;

/// <summary>Tells a target's role from its label or process name: database, cache or app server.</summary>
internal static class TargetRoles
{
    private static readonly string[] DatabaseWords = ["db", "database", "postgres", "postgresql", "mysql", "mysqld", "mariadb", "mariadbd", "mongo", "mongod", "mongodb", "oracle", "sqlserver", "mssql"];
    private static readonly string[] DatabasePrefixes = ["postgres", "mysql", "maria", "mongo"];
    private static readonly string[] CacheWords = ["cache", "redis", "redis-server", "memcached", "memcache", "valkey", "valkey-server"];

    /// <summary>The role of a target labelled <paramref name="label"/> (a process name when no label was given).</summary>
    /// <remarks>
    /// The label is split at <c>/</c>, <c>_</c>, <c>.</c>, <c>:</c> and spaces (an agent's process targets read
    /// <c>web/postgres</c>), and each part is judged; a cache word wins over a database word, as
    /// <c>redis-db</c> is a cache.
    /// </remarks>
    public static TargetRole Of(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var whole = label.ToLowerInvariant();
        var parts = whole.Split(['/', '_', '.', ':', ' '], StringSplitOptions.RemoveEmptyEntries);
        var words = parts.Concat(parts.SelectMany(p => p.Split('-', StringSplitOptions.RemoveEmptyEntries))).ToList();
        if (words.Any(w => CacheWords.Contains(w)))
        {
            return TargetRole.Cache;
        }

        return words.Any(w => DatabaseWords.Contains(w) || DatabasePrefixes.Any(p => w.StartsWith(p, StringComparison.Ordinal)))
            ? TargetRole.Database
            : TargetRole.App;
    }
}
