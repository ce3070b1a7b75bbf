namespace Surge.Metrics;

/// <summary>One phase of a thread's recordings: an aggregate per series id, created on first use.</summary>
internal sealed class ShardBuffer
{
    public MetricAggregate?[] Slots = new MetricAggregate?[16];

    public MetricAggregate Slot(Series series)
    {
        var slots = Slots;
        var id = series.Id;
        if ((uint)id < (uint)slots.Length && slots[id] is { } slot)
        {
            return slot;
        }

        return CreateSlot(series);
    }

    private MetricAggregate CreateSlot(Series series)
    {
        if (series.Id >= Slots.Length)
        {
            Array.Resize(ref Slots, Math.Max(series.Id + 1, Slots.Length * 2));
        }

        return Slots[series.Id] = new MetricAggregate(series.Metric.Type, series.Metric.Contains, threadBuffer: true);
    }
}
