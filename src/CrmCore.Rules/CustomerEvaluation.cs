namespace CrmCore.Rules;

/// <summary>Everything the customer workflows (Tiering, Tagging, ChurnRisk) decided for one customer. Immutable.</summary>
public sealed record CustomerEvaluation
{
    /// <summary>The tier, or null when no tiering rule held.</summary>
    public string? Tier { get; init; }

    /// <summary>The tags that hold, in tag-id order.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The total churn-risk points.</summary>
    public decimal ChurnRiskPoints { get; init; }

    /// <summary>The churn-risk reasons, in rule order.</summary>
    public IReadOnlyList<ScoredReason> ChurnRiskReasons { get; init; } = [];

    /// <summary>Every rule that held, in workflow and rule order.</summary>
    public IReadOnlyList<FiredRule> FiredRules { get; init; } = [];

    /// <summary>
    /// The rules that failed at run time while this customer was evaluated (their condition or points threw, or their points would
    /// overflow the total), in evaluation order. Such a rule counts as not held: it is not in <see cref="FiredRules"/> and gives
    /// no outcome, reason or points. Empty when every rule ran cleanly.
    /// </summary>
    public IReadOnlyList<RuleFailure> Failures { get; init; } = [];
}
