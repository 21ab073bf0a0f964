using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// A port (<see cref="IPriorityScorer"/>, <see cref="IRoutingPolicy"/>) whose judgement of a ticket can fail in part: a rule that threw
/// at run time counts as not held and the port answers all the same. The desk asks such a port, after it scored and routed a new
/// ticket, which rules failed, and reports each as a <see cref="TicketRuleFailed"/> event on the raise's <see cref="DeskResult"/>.
/// <c>AddCrmRules()</c>'s ports implement it. Implementations must be thread-safe.
/// </summary>
public interface ITicketRuleFailureSource
{
    /// <summary>The rules that failed while this port judged the ticket (the same view it was given to score or route).</summary>
    /// <param name="ticket">The ticket and its customer, as given to the port.</param>
    /// <param name="at">When the failure is reported (the events' <see cref="IDomainEvent.OccurredAt"/>).</param>
    /// <returns>One event per failed rule, in rule order; empty when none failed.</returns>
    IReadOnlyList<TicketRuleFailed> RuleFailures(TicketView ticket, Instant at);
}
