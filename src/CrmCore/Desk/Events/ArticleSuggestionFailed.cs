using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised with a new ticket when the desk's <see cref="Knowledge.IArticleSuggester"/> failed: the ticket is raised all the same,
/// without suggestions, and the failure is reported here rather than lost.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it was raised.</param>
/// <param name="Reason">What went wrong: the exception's type and message.</param>
public sealed record ArticleSuggestionFailed(TicketId TicketId, Instant OccurredAt, string Reason) : IDomainEvent;
