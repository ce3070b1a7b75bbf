using Microsoft.Extensions.Time.Testing;

namespace Surge.Tests.Execution.Watch;

/// <summary>
/// A <see cref="FakeTimeProvider"/> whose timers can be held back, as a starved thread pool holds them back:
/// while stalled, time moves on but no callback runs; on resume each held timer fires once.
/// </summary>
/// <remarks>
/// A plain <see cref="FakeTimeProvider.Advance"/> already makes a tick late (overdue timers fire at the new time);
/// this is for a tick that does not run at all before the second is sampled.
/// </remarks>
internal sealed class StallingTimeProvider : TimeProvider
{
    private readonly List<(TimerCallback Callback, object? State)> _waiting = [];
    private bool _stalled;

    public FakeTimeProvider Fake { get; } = new();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Fake.CreateTimer(
            s =>
            {
                if (!_stalled)
                {
                    callback(s);
                }
                else if (!_waiting.Contains((callback, s)))
                {
                    _waiting.Add((callback, s));
                }
            },
            state,
            dueTime,
            period);

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    public void Stall() => _stalled = true;

    public void Resume()
    {
        _stalled = false;
        var waiting = _waiting.ToArray();
        _waiting.Clear();
        foreach (var (callback, state) in waiting)
        {
            callback(state);
        }
    }
}
