namespace CrmCore.Rules;

/// <summary>Everything the ticket workflows (Priority, Routing, Escalation) decided for one ticket. Immutable.</summary>
public sealed record TicketEvaluation
{
    /// <summary>The total priority points (without any time-dependent SLA term; the queue adds that).</summary>
    public decimal PriorityPoints { get; init; }

    /// <summary>The priority reasons, in rule order.</summary>
    public IReadOnlyList<ScoredReason> PriorityReasons { get; init; } = [];

    /// <summary>The target service group from the first routing rule that held, or null.</summary>
    public string? RoutingTarget { get; init; }

    /// <summary>The skill from that rule's <c>Properties.Skill</c>, or null.</summary>
    public string? RoutingSkill { get; init; }

    /// <summary>The escalation steps asked for, in rule order.</summary>
    public IReadOnlyList<EscalationRuleMatch> Escalations { get; init; } = [];

    /// <summary>Every rule that held, in workflow and rule order.</summary>
    public IReadOnlyList<FiredRule> FiredRules { get; init; } = [];

    /// <summary>
    /// The rules that threw at run time while this ticket was evaluated, in evaluation order. Such a rule did not hold (or gave
    /// 0 points). Empty when every rule ran cleanly.
    /// </summary>
    public IReadOnlyList<RuleFailure> Failures { get; init; } = [];
}
