using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// Raised for each rule of a ticket's workflows that failed at run time while the desk's ports judged the ticket (a rule of the rule pack
/// whose condition or points threw, for example a division by zero: see <see cref="ITicketRuleFailureSource"/>): with a new ticket for its
/// priority, routing and escalation path, and by <see cref="ServiceDesk.AdvanceAsync"/> for the escalation path it chose. The failed rule
/// counts as not held (it gives no priority points, route or ladder) and the command goes on all the same; the failure is reported here
/// rather than lost. Immutable.
/// </summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Workflow">The workflow of the failed rule, for example <c>Priority</c>.</param>
/// <param name="Rule">The failed rule's name.</param>
/// <param name="Reason">What went wrong in plain English: the rule file's position when known, the rule and the cause.</param>
/// <param name="ReasonZhHans">The same in Simplified Chinese.</param>
public sealed record TicketRuleFailed(TicketId TicketId, Instant OccurredAt, string Workflow, string Rule, string Reason, string ReasonZhHans)
    : DeskRuleFailed(OccurredAt, Workflow, Rule, Reason, ReasonZhHans);
