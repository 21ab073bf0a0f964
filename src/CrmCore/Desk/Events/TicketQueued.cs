using CrmCore.Agents;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised when the desk puts a ticket in the waiting queue.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Group">The group it waits in.</param>
/// <param name="Priority">Its static priority.</param>
public sealed record TicketQueued(TicketId TicketId, Instant OccurredAt, TeamId Group, long Priority) : IDomainEvent;
