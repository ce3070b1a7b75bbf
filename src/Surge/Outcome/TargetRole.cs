namespace Surge.Outcome;

/// <summary>What a monitored target is, which decides the next steps proposed for it.</summary>
internal enum TargetRole
{
    /// <summary>An application server (anything not recognised as a database or a cache).</summary>
    App,

    /// <summary>A database: postgres, mysqld, mariadbd, mongod, or a label that says so.</summary>
    Database,

    /// <summary>A cache: redis-server, memcached, or a label that says so.</summary>
    Cache,
}
