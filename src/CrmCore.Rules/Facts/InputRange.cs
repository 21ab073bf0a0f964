using System.Runtime.CompilerServices;

namespace CrmCore.Rules.Facts;

/// <summary>
/// The checks behind the documented ranges of the fact inputs: a count is never negative, a CSAT average is 1 to 5. The rule
/// loader relies on them when it warns that a rule compares a fact outside its range (CRM070).
/// </summary>
internal static class InputRange
{
    /// <summary>Returns <paramref name="value"/> when it is 0 or more.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static int NotNegative(int value, [CallerMemberName] string name = "")
        => value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");

    /// <summary>Returns <paramref name="value"/> when it is null or 0 or more.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public static decimal? NotNegative(decimal? value, [CallerMemberName] string name = "")
        => value is null or >= 0m ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");

    /// <summary>Returns <paramref name="value"/> when it is null or from 1 to 5.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is outside 1 to 5.</exception>
    public static decimal? Csat(decimal? value, [CallerMemberName] string name = "")
        => value is null or (>= CrmCore.Satisfaction.CsatScore.MinValue and <= CrmCore.Satisfaction.CsatScore.MaxValue) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be from 1 to 5 (a CSAT average).");
}
