using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when the revisit call of the latest resolution is recorded as done.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who made the call.</param>
/// <param name="Outcome">What the customer said.</param>
public sealed record TicketRevisitCompleted(TicketId TicketId, Instant OccurredAt, string By, string Outcome) : IDomainEvent;
