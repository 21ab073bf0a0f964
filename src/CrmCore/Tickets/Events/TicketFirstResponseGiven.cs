using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised once per ticket, at the first reply to the customer (a response, a question while waiting, or the solution).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who did it.</param>
public sealed record TicketFirstResponseGiven(TicketId TicketId, Instant OccurredAt, string By) : IDomainEvent;
