using CrmCore.Agents;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when a ticket is reassigned to another agent.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="PreviousOwner">The owner before.</param>
/// <param name="NewOwner">The owner after.</param>
public sealed record TicketOwnerChanged(TicketId TicketId, Instant OccurredAt, string By, AgentId PreviousOwner, AgentId NewOwner) : IDomainEvent;
