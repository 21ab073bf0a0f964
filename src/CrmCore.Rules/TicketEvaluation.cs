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

    /// <summary>The escalation ladders (paths) chosen by the Escalation rules that held, in rule order; a ladder may be chosen by
    /// several rules. Empty when no Escalation rule held.</summary>
    public IReadOnlyList<EscalationRuleMatch> Escalations { get; init; } = [];

    /// <summary>The distinct ladder names of <see cref="Escalations"/>, in first-chosen order.</summary>
    public IReadOnlyList<string> Ladders => [.. Escalations.Select(e => e.Ladder).Distinct(StringComparer.Ordinal)];

    /// <summary>Every rule that held, in workflow and rule order.</summary>
    public IReadOnlyList<FiredRule> FiredRules { get; init; } = [];

    /// <summary>
    /// The rules that failed at run time while this ticket was evaluated (their condition or points threw, or their points would
    /// overflow the total), in evaluation order. Such a rule counts as not held: it is not in <see cref="FiredRules"/> and gives
    /// no outcome, reason or points. Empty when every rule ran cleanly.
    /// </summary>
    public IReadOnlyList<RuleFailure> Failures { get; init; } = [];
}
