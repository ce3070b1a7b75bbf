using Surge.Configuration;

namespace Surge.Execution.Segments;

/// <summary>
/// A generator's share of a test, k6's execution segment: the part <c>[From, To)</c> of the whole,
/// e.g. <c>1/4:2/4</c> is the second quarter.
/// </summary>
internal readonly record struct ExecutionSegment(Fraction From, Fraction To)
{
    /// <summary>The whole test, <c>0:1</c>.</summary>
    public static ExecutionSegment Whole => new(Fraction.Zero, Fraction.One);

    /// <summary>How much of the test the segment is.</summary>
    public Fraction Length => To - From;

    /// <summary>True for <c>0:1</c>.</summary>
    public bool IsWhole => From == Fraction.Zero && To == Fraction.One;

    /// <summary>
    /// Reads k6's forms: <c>FROM:TO</c> (<c>1/4:2/4</c>, <c>0.25:0.5</c>, <c>25%:50%</c>), or one value
    /// <c>TO</c> meaning <c>0:TO</c>.
    /// </summary>
    /// <exception cref="ConfigException">The text is not a segment; the message says what to write.</exception>
    public static ExecutionSegment Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        var bounds = new Fraction[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts.Length > 2 || !Fraction.TryParse(parts[i], out bounds[i]))
            {
                throw new ConfigException($"--execution-segment '{text}' is not a segment; write FROM:TO with fractions from 0 to 1, e.g. 1/4:2/4, 0.25:0.5 or 25%:50%");
            }
        }

        var segment = bounds.Length == 1 ? new ExecutionSegment(Fraction.Zero, bounds[0]) : new ExecutionSegment(bounds[0], bounds[1]);
        return segment.From < segment.To
            ? segment
            : throw new ConfigException($"--execution-segment '{text}' is empty or backwards; its start must be below its end, e.g. 1/4:2/4");
    }

    /// <inheritdoc />
    public override string ToString() => $"{From}:{To}";
}
