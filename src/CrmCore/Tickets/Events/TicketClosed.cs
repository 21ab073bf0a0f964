using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when a ticket is closed after a customer confirmation or a completed revisit.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="ConfirmedByCustomer">True when the customer confirmed the resolution.</param>
/// <param name="RevisitCompleted">True when the revisit was completed.</param>
public sealed record TicketClosed(TicketId TicketId, Instant OccurredAt, string By, bool ConfirmedByCustomer, bool RevisitCompleted) : IDomainEvent;
