using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// A port (<see cref="IPriorityScorer"/>, <see cref="IRoutingPolicy"/>, <see cref="IEscalationPathChooser"/>) whose judgement of a ticket
/// can fail in part: a rule that threw at run time counts as not held and the port answers all the same. The desk asks such a port, after
/// it scored and routed a new ticket, which rules failed, and reports each as a <see cref="TicketRuleFailed"/> event on the raise's
/// <see cref="DeskResult"/>; <see cref="ServiceDesk.AdvanceAsync"/> does the same for the escalation path it chose
/// (<see cref="EscalationRuleFailures"/>). <c>AddCrmRules()</c>'s ports implement it. Implementations must be thread-safe.
/// </summary>
public interface ITicketRuleFailureSource
{
    /// <summary>The rules that failed while this port judged the ticket (the same view it was given to score or route).</summary>
    /// <param name="ticket">The ticket and its customer, as given to the port.</param>
    /// <param name="at">When the failure is reported (the events' <see cref="IDomainEvent.OccurredAt"/>).</param>
    /// <returns>One event per failed rule, in rule order; empty when none failed.</returns>
    IReadOnlyList<TicketRuleFailed> RuleFailures(TicketView ticket, Instant at);

    /// <summary>The rules that failed while this port chose the ticket's escalation path (<see cref="IEscalationPathChooser.Choose"/>,
    /// the same view). By default every failure of <see cref="RuleFailures"/>; a port that judges more than the path narrows it.</summary>
    /// <param name="ticket">The ticket and its customer, as given to the port.</param>
    /// <param name="at">When the failure is reported (the events' <see cref="IDomainEvent.OccurredAt"/>).</param>
    /// <returns>One event per failed rule, in rule order; empty when none failed.</returns>
    IReadOnlyList<TicketRuleFailed> EscalationRuleFailures(TicketView ticket, Instant at) => RuleFailures(ticket, at);
}
