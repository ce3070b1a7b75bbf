using System.Globalization;

namespace Surge.Execution.Segments;

/// <summary>
/// An exact rational number from 0 to 1, in lowest terms: the bounds of execution segments are
/// compared and subtracted without rounding, so segments that meet really meet.
/// </summary>
internal readonly record struct Fraction : IComparable<Fraction>
{
    /// <summary>The largest denominator accepted: keeps every product of two fractions inside a long.</summary>
    public const long MaxDenominator = 1_000_000_000;

    public Fraction(long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "the denominator must be positive");
        }

        var divisor = Gcd(Math.Abs(numerator), denominator);
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    public static Fraction Zero => new(0, 1);

    public static Fraction One => new(1, 1);

    public long Numerator { get; }

    public long Denominator { get; }

    public static Fraction operator -(Fraction a, Fraction b) =>
        new(checked((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator)), checked(a.Denominator * b.Denominator));

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    /// <summary>Reads <c>1/4</c>, <c>0.25</c> or <c>25%</c>; false for anything else or a value outside 0 to 1.</summary>
    public static bool TryParse(string text, out Fraction value)
    {
        value = Zero;
        text = text.Trim();
        if (text.EndsWith('%'))
        {
            if (!TryDecimal(text[..^1], out var percent))
            {
                return false;
            }

            value = new Fraction(percent.Numerator, checked(percent.Denominator * 100));
        }
        else if (text.IndexOf('/', StringComparison.Ordinal) is var slash and > 0)
        {
            if (!long.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var top)
                || !long.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bottom)
                || bottom == 0 || bottom > MaxDenominator)
            {
                return false;
            }

            value = new Fraction(top, bottom);
        }
        else if (!TryDecimal(text, out value))
        {
            return false;
        }

        return value.Denominator <= MaxDenominator && value >= Zero && value <= One;
    }

    public static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }

    public int CompareTo(Fraction other) =>
        ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    /// <inheritdoc />
    public override string ToString() =>
        Denominator == 1 ? Numerator.ToString(CultureInfo.InvariantCulture) : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    private static bool TryDecimal(string text, out Fraction value)
    {
        value = Zero;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var digits = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length + digits.Length == 0 || digits.Length > 9 || (whole.Length > 0 && !whole.All(char.IsAsciiDigit)) || !digits.All(char.IsAsciiDigit) || whole.Length > 3)
        {
            return false;
        }

        var scale = (long)Math.Pow(10, digits.Length);
        var numerator = ((whole.Length == 0 ? 0 : long.Parse(whole, CultureInfo.InvariantCulture)) * scale)
            + (digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture));
        value = new Fraction(numerator, scale);
        return true;
    }
}
