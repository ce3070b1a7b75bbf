namespace Surge.Outcome;

/// <summary>A step to take after the run, in the order the seed notes give them per role.</summary>
internal enum NextStepKind
{
    /// <summary>App: fix inefficient code, starting with the endpoint that costs most of the time.</summary>
    FixCode,

    /// <summary>App: move static or large files to a file server or CDN.</summary>
    MoveStaticFiles,

    /// <summary>App: run more instances behind a load balancer.</summary>
    ScaleOut,

    /// <summary>Give the target more CPU, memory or a faster link.</summary>
    ScaleUp,

    /// <summary>Database: fix slow queries (indexes, SQL tuning, denormalisation).</summary>
    FixQueries,

    /// <summary>Database: add a read replica.</summary>
    ReadReplica,

    /// <summary>Database: put a cache in front of it.</summary>
    AddCache,

    /// <summary>Cache: look at what is stored and how (value sizes, keys per request, expiry).</summary>
    FixCacheUse,

    /// <summary>Cache: split the keys over more nodes (cluster, shards).</summary>
    ShardCache,

    /// <summary>Failing: fix the errors first (the causes are named).</summary>
    FixErrors,

    /// <summary>Generator limited: give Surge more CPU, or spread the load over more machines.</summary>
    BiggerGenerator,

    /// <summary>Nothing limited: load harder, or search the maximum with <c>surge find-max</c>.</summary>
    LoadHarder,

    /// <summary>No monitors (or the limit is not in a monitored resource): watch the servers.</summary>
    AddMonitors,

    /// <summary>Open files at the limit: raise the process's descriptor limit, and look for leaks.</summary>
    RaiseDescriptorLimit,
}
