using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when a ticket is opened (its status history starts with a Pending → Pending entry).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="CustomerId">The customer who raised it.</param>
/// <param name="Owner">The first owner.</param>
/// <param name="Urgency">The urgency.</param>
/// <param name="Type">The type.</param>
/// <param name="Channel">The channel it arrived by.</param>
public sealed record TicketCreated(TicketId TicketId, Instant OccurredAt, string By, CustomerId CustomerId, AgentId Owner, Urgency Urgency, TicketType Type, Channel Channel) : IDomainEvent;
