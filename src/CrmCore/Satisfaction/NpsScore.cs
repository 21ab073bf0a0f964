using System.Globalization;

namespace CrmCore.Satisfaction;

/// <summary>
/// A net-promoter answer from 0 to 10 ("how likely are you to recommend us").
/// 9–10 is a promoter, 7–8 passive, 0–6 a detractor.
/// </summary>
public readonly record struct NpsScore
{
    /// <summary>Creates an answer.</summary>
    /// <param name="value">An integer from 0 to 10.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0–10.</exception>
    public NpsScore(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10);
        Value = value;
    }

    /// <summary>The answer, 0–10.</summary>
    public int Value { get; }

    /// <summary>True for 9 and 10.</summary>
    public bool IsPromoter => Value >= 9;

    /// <summary>True for 0 to 6.</summary>
    public bool IsDetractor => Value <= 6;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
