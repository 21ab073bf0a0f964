namespace CrmCore.Rules;

/// <summary>What went wrong when a rule failed at run time (see <see cref="RuleFailure"/>).</summary>
public enum RuleFailureCause
{
    /// <summary>Another error; <see cref="RuleFailure.Message"/> says which.</summary>
    Other = 0,

    /// <summary>A value was too large or too small for its number type (checked arithmetic, a conversion to decimal, the points total).</summary>
    Overflow = 1,

    /// <summary>A division (or remainder) by zero.</summary>
    DivisionByZero = 2,

    /// <summary>The expression used a value that is missing (null).</summary>
    MissingValue = 3,
}
