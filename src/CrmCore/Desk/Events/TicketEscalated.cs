using CrmCore.Agents;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised once per (ladder, level) when an escalation step of a ticket is reached in business time.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Ladder">The ladder (path).</param>
/// <param name="Level">The level.</param>
/// <param name="Target">Who is notified.</param>
/// <param name="Reason">Why.</param>
public sealed record TicketEscalated(TicketId TicketId, Instant OccurredAt, string Ladder, int Level, EscalationTarget Target, string Reason) : IDomainEvent;
