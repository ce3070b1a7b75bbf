namespace Surge.Analysis.FindMax;

/// <summary>
/// Which level to run next, from the verdicts so far: double from the first level until one fails
/// (never above the top), bisect between the highest passing and the lowest failing level until they
/// are within the tolerance, then hold the passing level once more to confirm it (Envoy Nighthawk's
/// adaptive load does the same). It runs nothing; <see cref="FindMaxRunner"/> does.
/// </summary>
internal sealed class LevelSearch
{
    private readonly FindMaxOptions _options;
    private readonly SortedSet<double> _passed = [];
    private double? _highestPassed;
    private double? _lowestFailed;
    private bool _holding;

    public LevelSearch(FindMaxOptions options)
    {
        _options = options;
        Next = Round(Math.Min(options.From, options.To));
    }

    /// <summary>The level to run next; null when the search is over.</summary>
    public double? Next { get; private set; }

    /// <summary>True when <see cref="Next"/> is the confirmation of the found level.</summary>
    public bool NextIsHold => _holding && Next is not null;

    /// <summary>The level that held its confirmation step; null until one did.</summary>
    public double? Confirmed { get; private set; }

    /// <summary>The highest level that passed (confirmed or not).</summary>
    public double? HighestPassed => _highestPassed;

    /// <summary>Records the verdict of <see cref="Next"/> and picks the level after it.</summary>
    public void Record(bool passed)
    {
        var level = Next ?? throw new InvalidOperationException("the search is over");
        if (_holding)
        {
            _holding = false;
            if (passed)
            {
                Confirmed = level;
                Next = null;
                return;
            }

            // The found level did not hold: it is now the lowest failure, and the search bisects below it.
            _passed.Remove(level);
            _lowestFailed = level;
            _highestPassed = _passed.Count == 0 ? null : _passed.Max;
            Next = _highestPassed is null ? null : Bisect();
            return;
        }

        if (passed)
        {
            _passed.Add(level);
            _highestPassed = Math.Max(_highestPassed ?? level, level);
        }
        else
        {
            _lowestFailed = Math.Min(_lowestFailed ?? level, level);
        }

        if (_lowestFailed is null)
        {
            Next = level >= _options.To ? Hold() : Round(Math.Min(level * 2, _options.To));
            return;
        }

        Next = _highestPassed is null ? null : Bisect();
    }

    private double? Bisect()
    {
        var low = _highestPassed!.Value;
        var high = _lowestFailed!.Value;
        var middle = Round((low + high) / 2);
        var closeEnough = (high - low) / low <= _options.Tolerance || middle <= low || middle >= high;
        return closeEnough ? Hold() : middle;
    }

    private double Hold()
    {
        _holding = true;
        return _highestPassed!.Value;
    }

    /// <summary>VUs are whole; rates keep one decimal, which is finer than any step can tell apart.</summary>
    private double Round(double level) => _options.Model == LoadModel.Closed
        ? Math.Floor(level)
        : Math.Round(level, level < 10 ? 2 : 1, MidpointRounding.AwayFromZero);
}
