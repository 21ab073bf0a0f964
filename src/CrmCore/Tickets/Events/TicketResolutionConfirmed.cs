using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when the customer's confirmation of the latest resolution is recorded.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who recorded it.</param>
public sealed record TicketResolutionConfirmed(TicketId TicketId, Instant OccurredAt, string By) : IDomainEvent;
