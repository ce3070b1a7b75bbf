namespace Surge.Distributed;

/// <summary>How an aggregator treats its generators.</summary>
internal sealed record AggregatorOptions
{
    /// <summary>Time between the last generator joining and the common start: room for every one to get the answer and ready its VUs.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A running generator that sends nothing for this long is counted out (it sends a line every second).</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Stop the whole test when a generator is lost (<c>--require-all</c>), rather than go on without it.</summary>
    public bool RequireAll { get; init; }
}
