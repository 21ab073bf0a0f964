using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when a resolved or closed ticket is reopened (status InProgress again).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="From">The status it was reopened from.</param>
/// <param name="Reason">Why it was reopened.</param>
/// <param name="ReopenCount">How many times it has now been reopened.</param>
public sealed record TicketReopened(TicketId TicketId, Instant OccurredAt, string By, TicketStatus From, string Reason, int ReopenCount) : IDomainEvent;
