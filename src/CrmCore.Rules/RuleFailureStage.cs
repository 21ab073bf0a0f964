namespace CrmCore.Rules;

/// <summary>Which part of a rule failed at run time (see <see cref="RuleFailure"/>).</summary>
public enum RuleFailureStage
{
    /// <summary>The rule's condition (its <c>Expression</c>, or its nested rules).</summary>
    Condition = 0,

    /// <summary>The rule's points (its <c>OnSuccess</c> OutputExpression), computed after the condition held.</summary>
    Points = 1,

    /// <summary>Adding the rule's points to the item's points total, which would overflow <see cref="decimal"/>.</summary>
    PointsTotal = 2,
}
