using System.Globalization;

namespace CrmCore.Satisfaction;

/// <summary>
/// A customer-satisfaction score from 1 (very dissatisfied) to 5 (very satisfied).
/// Any other value is rejected when the score is built, so a stored score is always valid.
/// </summary>
public readonly record struct CsatScore : IComparable<CsatScore>
{
    /// <summary>The lowest valid score, 1.</summary>
    public const int MinValue = 1;

    /// <summary>The highest valid score, 5.</summary>
    public const int MaxValue = 5;

    /// <summary>Creates a score.</summary>
    /// <param name="value">An integer from 1 to 5.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1–5.</exception>
    public CsatScore(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, MinValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        Value = value;
    }

    /// <summary>The score, 1–5. The default instance (never valid input) reports 0.</summary>
    public int Value { get; }

    /// <summary>Tries to build a score without throwing.</summary>
    /// <param name="value">The candidate value.</param>
    /// <param name="score">The score when the value is in range.</param>
    /// <returns>True when <paramref name="value"/> is from 1 to 5.</returns>
    public static bool TryCreate(int value, out CsatScore score)
    {
        score = value is >= MinValue and <= MaxValue ? new CsatScore(value) : default;
        return score.Value != 0;
    }

    /// <inheritdoc />
    public int CompareTo(CsatScore other) => Value.CompareTo(other.Value);

    /// <summary>Compares scores.</summary>
    public static bool operator <(CsatScore left, CsatScore right) => left.Value < right.Value;

    /// <summary>Compares scores.</summary>
    public static bool operator >(CsatScore left, CsatScore right) => left.Value > right.Value;

    /// <summary>Compares scores.</summary>
    public static bool operator <=(CsatScore left, CsatScore right) => left.Value <= right.Value;

    /// <summary>Compares scores.</summary>
    public static bool operator >=(CsatScore left, CsatScore right) => left.Value >= right.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
