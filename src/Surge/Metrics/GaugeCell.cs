namespace Surge.Metrics;

/// <summary>One gauge's latest value and the range it covered since the last interval was taken.</summary>
internal sealed class GaugeCell
{
    private readonly Lock _lock = new();
    private double _value;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private bool _hasValue;

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            _hasValue = true;
        }
    }

    /// <summary>Moves the gauge into <paramref name="target"/>; the range restarts at the current value.</summary>
    public void TakeInto(MetricAggregate target)
    {
        lock (_lock)
        {
            if (!_hasValue)
            {
                return;
            }

            target.SetGauge(_value, _min, _max);
            _min = _value;
            _max = _value;
        }
    }
}
