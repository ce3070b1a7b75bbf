namespace Surge.Outcome;

/// <summary>The load generator's garbage collections: how many per generation, and the time paused for them.</summary>
/// <param name="Gen0">Generation 0 collections.</param>
/// <param name="Gen1">Generation 1 collections.</param>
/// <param name="Gen2">Generation 2 (full) collections.</param>
/// <param name="Paused">Time the runtime paused threads for collections.</param>
internal readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    /// <summary>The counts so far in this process.</summary>
    public static GcCounts Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>The collections between two readings.</summary>
    public static GcCounts operator -(GcCounts after, GcCounts before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    /// <summary>The collections between two readings.</summary>
    public static GcCounts Subtract(GcCounts after, GcCounts before) => after - before;
}
