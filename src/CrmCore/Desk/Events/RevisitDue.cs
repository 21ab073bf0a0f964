using CrmCore.Agents;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised once per resolution when a ticket awaiting its revisit call has waited the desk's revisit delay.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="CallBy">Who should call (the account manager, else the owner).</param>
public sealed record RevisitDue(TicketId TicketId, Instant OccurredAt, AgentId CallBy) : IDomainEvent;
