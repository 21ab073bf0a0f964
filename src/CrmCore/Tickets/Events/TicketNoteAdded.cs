using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when a note or a reply to the customer is added to a ticket's timeline on its own (not as part of another move).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who wrote it.</param>
/// <param name="Text">The text.</param>
/// <param name="IsCustomerFacing">True for a reply sent to the customer; false for an internal note.</param>
public sealed record TicketNoteAdded(TicketId TicketId, Instant OccurredAt, string By, string Text, bool IsCustomerFacing) : IDomainEvent;
