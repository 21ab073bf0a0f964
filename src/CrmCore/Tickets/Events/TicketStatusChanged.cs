using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised for every status change; matches one entry of the ticket's status history (the creation entry excepted).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="Move">The move that caused it.</param>
public sealed record TicketStatusChanged(TicketId TicketId, Instant OccurredAt, string By, TicketStatus From, TicketStatus To, TicketMove Move) : IDomainEvent;
