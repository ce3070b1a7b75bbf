namespace Surge.Lab.Topology;

/// <summary>What a process of the lab is.</summary>
public enum PartKind
{
    /// <summary>An instance of the giveaway service (Kestrel).</summary>
    App,

    /// <summary>The primary PostgreSQL.</summary>
    Database,

    /// <summary>A PostgreSQL streaming replica.</summary>
    Replica,

    /// <summary>nginx serving the static files, far away (a delay and a bandwidth limit).</summary>
    Static,

    /// <summary>nginx caching the static files near the users (proxy_cache).</summary>
    Cdn,

    /// <summary>nginx spreading requests over the app servers.</summary>
    LoadBalancer,

    /// <summary>Redis.</summary>
    Cache,
}
