using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Raised when the customer's survey answer (satisfaction) is recorded on a ticket.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="By">Who recorded it.</param>
/// <param name="Csat">The satisfaction score.</param>
/// <param name="Nps">The recommendation score, or null when not asked.</param>
public sealed record TicketSurveyRecorded(TicketId TicketId, Instant OccurredAt, string By, CsatScore Csat, NpsScore? Nps) : IDomainEvent;
