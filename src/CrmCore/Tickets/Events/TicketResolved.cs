using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when a solution is given (status Resolved).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="Solution">The solution text.</param>
public sealed record TicketResolved(TicketId TicketId, Instant OccurredAt, string By, string Solution) : IDomainEvent;
